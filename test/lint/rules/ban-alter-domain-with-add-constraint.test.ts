import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-alter-domain-with-add-constraint";

describe(RULE, () => {
  it("flags ADD CONSTRAINT on a domain", () => {
    expectOne(RULE, "ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);", 1, 1);
  });
  it("accepts ADD CONSTRAINT NOT VALID", () => {
    expectNone(RULE, "ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;");
  });
});
