import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "renaming-column";

describe(RULE, () => {
  it("flags RENAME COLUMN", () => {
    expectOne(RULE, "ALTER TABLE users RENAME COLUMN fullname TO full_name;", 1, 1);
  });
  it("accepts renaming a column of a new table", () => {
    expectNone(RULE, "CREATE TABLE u (a int);\nALTER TABLE u RENAME COLUMN a TO b;");
  });
});
