import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-char-field";

describe(RULE, () => {
  it("flags char(n)", () => {
    expectOne(RULE, "CREATE TABLE countries (code char(2) PRIMARY KEY);", 1, 25);
  });
  it("accepts text and the internal \"char\" type", () => {
    expectNone(RULE, "CREATE TABLE countries (code text, flag \"char\");");
  });
});
