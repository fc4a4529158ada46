import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "enum-add-value-in-transaction";

describe(RULE, () => {
  it("flags ADD VALUE inside BEGIN before PostgreSQL 12", () => {
    expectOne(RULE, "BEGIN;\nALTER TYPE s ADD VALUE 'x';\nCOMMIT;", 2, 1, {pgVersion: 11});
  });
  it("accepts ADD VALUE inside BEGIN on PostgreSQL 12+", () => {
    expectNone(RULE, "BEGIN;\nALTER TYPE s ADD VALUE 'x';\nCOMMIT;", {pgVersion: 12});
  });
  it("accepts ADD VALUE outside an explicit transaction, when the file controls transactions", () => {
    expectNone(RULE, "COMMIT;\nALTER TYPE s ADD VALUE 'x';", {pgVersion: 11});
  });
});
