import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "renaming-table";

describe(RULE, () => {
  it("flags RENAME TO", () => {
    expectOne(RULE, "ALTER TABLE customers RENAME TO clients;", 1, 1);
  });
  it("flags SET SCHEMA", () => {
    expectOne(RULE, "SELECT 1;\nALTER TABLE customers SET SCHEMA archive;", 2, 1);
  });
  it("flags renaming a schema", () => {
    expectOne(RULE, "ALTER SCHEMA app RENAME TO core;", 1, 1);
  });
  it("accepts renaming a table created in the file", () => {
    expectNone(RULE, "CREATE TABLE tmp (a int);\nALTER TABLE tmp RENAME TO final;");
  });
});
