import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "prefer-text-field";

describe(RULE, () => {
  it("flags varchar(n)", () => {
    expectOne(RULE, "CREATE TABLE users (email varchar(255));", 1, 21);
  });
  it("accepts text and unbounded varchar", () => {
    expectNone(RULE, "CREATE TABLE users (email text, name varchar);");
  });
});
