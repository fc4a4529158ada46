import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "require-concurrent-index-deletion";

describe(RULE, () => {
  it("flags a plain DROP INDEX", () => {
    expectOne(RULE, "DROP INDEX orders_user_idx;", 1, 1);
  });
  it("accepts DROP INDEX CONCURRENTLY", () => {
    expectNone(RULE, "DROP INDEX CONCURRENTLY IF EXISTS orders_user_idx;");
  });
  it("accepts dropping an index created in the same file", () => {
    expectNone(RULE, "CREATE INDEX CONCURRENTLY i ON t (a);\nDROP INDEX i;");
  });
});
