import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "changing-column-type";

describe(RULE, () => {
  it("flags a change that always rewrites", () => {
    expectOne(RULE, "ALTER TABLE orders ALTER COLUMN id TYPE bigint;", 1, 41);
  });
  it("flags a possibly binary-compatible change, as a warning", () => {
    expectOne(RULE, "ALTER TABLE users ALTER COLUMN name TYPE text;", 1, 42);
  });
  it("accepts a type change on a new table", () => {
    expectNone(RULE, "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a TYPE bigint;");
  });
});
