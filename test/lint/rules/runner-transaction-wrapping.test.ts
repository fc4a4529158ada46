import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "runner-transaction-wrapping";

describe(RULE, () => {
  it("flags once, at the first CONCURRENTLY statement of a file without transaction control", () => {
    expectOne(RULE, "SELECT 1;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCREATE INDEX CONCURRENTLY j ON t (b);", 2, 1);
  });
  it("accepts files that manage transactions themselves", () => {
    expectNone(RULE, "COMMIT;\nCREATE INDEX CONCURRENTLY i ON t (a);");
  });
  it("accepts files without CONCURRENTLY", () => {
    expectNone(RULE, "CREATE INDEX i ON t (a);");
  });
});
