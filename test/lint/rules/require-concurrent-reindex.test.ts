import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "require-concurrent-reindex";

describe(RULE, () => {
  it("flags a plain REINDEX", () => {
    expectOne(RULE, "REINDEX INDEX orders_user_idx;", 1, 1);
  });
  it("accepts REINDEX CONCURRENTLY", () => {
    expectNone(RULE, "REINDEX INDEX CONCURRENTLY orders_user_idx;");
  });
  it("accepts versions without REINDEX CONCURRENTLY", () => {
    expectNone(RULE, "REINDEX INDEX orders_user_idx;", {pgVersion: 11});
  });
});
