import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-drop-table";

describe(RULE, () => {
  it("flags DROP TABLE", () => {
    expectOne(RULE, "DROP TABLE IF EXISTS audit_log CASCADE;", 1, 1);
  });
  it("accepts dropping a table created in the same file", () => {
    expectNone(RULE, "CREATE TABLE scratch (a int);\nDROP TABLE scratch;");
  });
});
