import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-cluster";

describe(RULE, () => {
  it("flags CLUSTER", () => {
    expectOne(RULE, "CLUSTER orders USING orders_created_idx;", 1, 1);
  });
  it("accepts no CLUSTER", () => {
    expectNone(RULE, "ANALYZE orders;");
  });
});
