import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "require-concurrent-refresh";

describe(RULE, () => {
  it("flags a plain REFRESH", () => {
    expectOne(RULE, "REFRESH MATERIALIZED VIEW daily_totals;", 1, 1);
  });
  it("accepts REFRESH CONCURRENTLY", () => {
    expectNone(RULE, "REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;");
  });
  it("accepts a view created in the same file", () => {
    expectNone(RULE, "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS a WITH NO DATA;\nREFRESH MATERIALIZED VIEW mv;");
  });
});
