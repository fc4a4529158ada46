import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "adding-exclusion-constraint";

describe(RULE, () => {
  it("flags an EXCLUDE constraint", () => {
    expectOne(RULE, "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);", 1, 26);
  });
  it("accepts an EXCLUDE constraint on a new table", () => {
    expectNone(RULE, "CREATE TABLE b (room int, during tstzrange);\nALTER TABLE b ADD CONSTRAINT x EXCLUDE USING gist (during WITH &&);");
  });
});
