import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "adding-field-with-default";

describe(RULE, () => {
  it("flags a volatile default", () => {
    expectOne(RULE, "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();", 1, 41);
  });
  it("flags clock_timestamp() on a later line", () => {
    expectOne(RULE, "SELECT 1;\nALTER TABLE events\n  ADD COLUMN seen timestamptz DEFAULT clock_timestamp();", 3, 31);
  });
  it("flags any default before PostgreSQL 11", () => {
    expectOne(RULE, "ALTER TABLE users ADD COLUMN active boolean DEFAULT true;", 1, 45, {pgVersion: 10});
  });
  it("accepts now() is stable and constant defaults are catalog-only since PostgreSQL 11", () => {
    expectNone(RULE, "ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now(), ADD COLUMN n int DEFAULT 0;");
  });
  it("accepts DEFAULT NULL before PostgreSQL 11", () => {
    expectNone(RULE, "ALTER TABLE users ADD COLUMN note text DEFAULT NULL;", {pgVersion: 10});
  });
});
