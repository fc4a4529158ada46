import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-create-domain-with-constraint";

describe(RULE, () => {
  it("flags a domain with a CHECK", () => {
    expectOne(RULE, "CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);", 1, 1);
  });
  it("accepts a domain without constraints", () => {
    expectNone(RULE, "CREATE DOMAIN positive_int AS integer NOT NULL;");
  });
});
