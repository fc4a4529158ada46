import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-update-without-where";

describe(RULE, () => {
  it("flags UPDATE without WHERE", () => {
    expectOne(RULE, "SELECT 1;\nUPDATE users SET locale = 'en';", 2, 1);
  });
  it("accepts a batched UPDATE", () => {
    expectNone(RULE, "UPDATE users SET locale = 'en' WHERE id BETWEEN 1 AND 5000;");
  });
  it("accepts filling a table created in the same file", () => {
    expectNone(RULE, "CREATE TABLE t (a int);\nUPDATE t SET a = 1;");
  });
});
