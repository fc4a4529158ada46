import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "prefer-jsonb";

describe(RULE, () => {
  it("flags json", () => {
    expectOne(RULE, "ALTER TABLE events ADD COLUMN payload json;", 1, 31);
  });
  it("accepts jsonb", () => {
    expectNone(RULE, "ALTER TABLE events ADD COLUMN payload jsonb;");
  });
});
