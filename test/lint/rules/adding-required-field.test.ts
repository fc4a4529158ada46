import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "adding-required-field";

describe(RULE, () => {
  it("flags a NOT NULL column without default on an existing table", () => {
    expectOne(RULE, "SELECT 1;\nALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;", 2, 30);
  });
  it("accepts a NOT NULL column with a default", () => {
    expectNone(RULE, "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT 0;");
  });
  it("accepts identity and generated columns fill rows themselves", () => {
    expectNone(RULE, "ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY NOT NULL;");
  });
  it("accepts a table created in the same file", () => {
    expectNone(RULE, "CREATE TABLE t (id bigint);\nALTER TABLE t ADD COLUMN c int NOT NULL;");
  });
});
