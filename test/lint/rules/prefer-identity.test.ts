import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "prefer-identity";

describe(RULE, () => {
  it("flags a bigserial column", () => {
    expectOne(RULE, "CREATE TABLE events (id bigserial PRIMARY KEY);", 1, 22);
  });
  it("accepts an identity column", () => {
    expectNone(RULE, "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
  });
});
