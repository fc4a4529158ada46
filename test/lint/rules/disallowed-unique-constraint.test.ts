import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "disallowed-unique-constraint";

describe(RULE, () => {
  it("flags ADD UNIQUE without USING INDEX", () => {
    expectOne(RULE, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", 1, 23);
  });
  it("flags a new UNIQUE column", () => {
    expectOne(RULE, "ALTER TABLE users ADD COLUMN handle text UNIQUE;", 1, 30);
  });
  it("accepts UNIQUE USING INDEX", () => {
    expectNone(RULE, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;");
  });
});
