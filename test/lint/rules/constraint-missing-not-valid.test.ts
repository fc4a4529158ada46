import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "constraint-missing-not-valid";

describe(RULE, () => {
  it("flags a CHECK validated at once", () => {
    expectOne(RULE, "ALTER TABLE orders ADD CONSTRAINT qty_positive CHECK (quantity > 0);", 1, 24);
  });
  it("flags NOT VALID then VALIDATE in the same explicit transaction", () => {
    expectOne(RULE, "BEGIN;\nALTER TABLE orders ADD CONSTRAINT q CHECK (quantity > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT q;\nCOMMIT;", 2, 24);
  });
  it("accepts NOT VALID, validated after COMMIT", () => {
    expectNone(RULE, "BEGIN;\nALTER TABLE orders ADD CONSTRAINT q CHECK (quantity > 0) NOT VALID;\nCOMMIT;\nALTER TABLE orders VALIDATE CONSTRAINT q;");
  });
  it("accepts a CHECK on a new table", () => {
    expectNone(RULE, "CREATE TABLE o (q int);\nALTER TABLE o ADD CONSTRAINT q CHECK (q > 0);");
  });
});
