import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "enum-value-used-in-transaction";

describe(RULE, () => {
  it("flags the new value used before COMMIT", () => {
    expectOne(RULE, "BEGIN;\nALTER TYPE s ADD VALUE 'x';\nUPDATE t SET s = 'x' WHERE id = 1;\nCOMMIT;", 2, 1);
  });
  it("accepts the new value used after COMMIT", () => {
    expectNone(RULE, "BEGIN;\nALTER TYPE s ADD VALUE 'x';\nCOMMIT;\nUPDATE t SET s = 'x' WHERE id = 1;");
  });
  it("accepts other values in the same transaction", () => {
    expectNone(RULE, "BEGIN;\nALTER TYPE s ADD VALUE 'x';\nUPDATE t SET s = 'y' WHERE id = 1;\nCOMMIT;");
  });
});
