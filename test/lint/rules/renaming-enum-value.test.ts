import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "renaming-enum-value";

describe(RULE, () => {
  it("flags RENAME VALUE", () => {
    expectOne(RULE, "ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';", 1, 1);
  });
  it("accepts ADD VALUE", () => {
    expectNone(RULE, "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled';");
  });
});
