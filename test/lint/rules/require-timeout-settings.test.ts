import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "require-timeout-settings";

describe(RULE, () => {
  it("flags DDL on an existing table without lock_timeout, once per file", () => {
    expectOne(RULE, "ALTER TABLE users ADD COLUMN a text;\nALTER TABLE users ADD COLUMN b text;", 1, 1);
  });
  it("flags a new table referencing an existing one", () => {
    expectOne(RULE, "CREATE TABLE orders (user_id bigint REFERENCES users (id));", 1, 1);
  });
  it("accepts lock_timeout set first", () => {
    expectNone(RULE, "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN a text;");
  });
  it("accepts DDL on new tables only", () => {
    expectNone(RULE, "CREATE TABLE t (a int);\nCREATE INDEX i ON t (a);\nALTER TABLE t ADD COLUMN b int;");
  });
});
