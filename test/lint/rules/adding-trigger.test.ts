import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "adding-trigger";

describe(RULE, () => {
  it("flags CREATE TRIGGER on an existing table", () => {
    expectOne(RULE, "CREATE TRIGGER t_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();", 1, 1);
  });
  it("accepts a trigger on a new table", () => {
    expectNone(RULE, "CREATE TABLE o (a int);\nCREATE TRIGGER t AFTER UPDATE ON o FOR EACH ROW EXECUTE FUNCTION audit();");
  });
});
