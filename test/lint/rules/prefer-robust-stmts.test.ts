import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "prefer-robust-stmts";

describe(RULE, () => {
  it("flags CREATE INDEX CONCURRENTLY without IF NOT EXISTS", () => {
    expectOne(RULE, "CREATE INDEX CONCURRENTLY i ON t (a);", 1, 1);
  });
  it("flags DROP INDEX CONCURRENTLY without IF EXISTS", () => {
    expectOne(RULE, "SELECT 1; DROP INDEX CONCURRENTLY i;", 1, 11);
  });
  it("accepts the retry-safe forms", () => {
    expectNone(RULE, "DROP INDEX CONCURRENTLY IF EXISTS i;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);");
  });
});
