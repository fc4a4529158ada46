import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "prefer-timestamptz";

describe(RULE, () => {
  it("flags timestamp without time zone", () => {
    expectOne(RULE, "ALTER TABLE orders ADD COLUMN shipped_at timestamp;", 1, 31);
  });
  it("flags timestamp in a new table", () => {
    expectOne(RULE, "CREATE TABLE t (\n  at timestamp without time zone\n);", 2, 3);
  });
  it("accepts timestamptz", () => {
    expectNone(RULE, "ALTER TABLE orders ADD COLUMN shipped_at timestamp with time zone;");
  });
});
