import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "transaction-nesting";

describe(RULE, () => {
  it("flags a BEGIN inside an open transaction", () => {
    expectOne(RULE, "BEGIN;\nSELECT 1;\nBEGIN;\nCOMMIT;", 3, 1);
  });
  it("flags a COMMIT without BEGIN", () => {
    expectOne(RULE, "ALTER TABLE t ADD COLUMN a int;\nCOMMIT;", 2, 1);
  });
  it("flags a BEGIN never committed", () => {
    expectOne(RULE, "BEGIN;\nALTER TABLE t ADD COLUMN a int;", 1, 1);
  });
  it("accepts one balanced transaction", () => {
    expectNone(RULE, "BEGIN;\nALTER TABLE t ADD COLUMN a int;\nCOMMIT;");
  });
});
