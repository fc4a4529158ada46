import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "disabling-trigger";

describe(RULE, () => {
  it("flags DISABLE TRIGGER ALL", () => {
    expectOne(RULE, "ALTER TABLE orders DISABLE TRIGGER ALL;", 1, 1);
  });
  it("flags DISABLE TRIGGER name", () => {
    expectOne(RULE, "ALTER TABLE orders ADD COLUMN a int, DISABLE TRIGGER audit;", 1, 1);
  });
  it("accepts session_replication_role", () => {
    expectNone(RULE, "SET session_replication_role = replica;");
  });
});
