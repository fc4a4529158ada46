import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "adding-stored-generated-column";

describe(RULE, () => {
  it("flags a stored generated column", () => {
    expectOne(RULE, "ALTER TABLE orders ADD COLUMN total bigint GENERATED ALWAYS AS (qty * price) STORED;", 1, 31);
  });
  it("accepts a plain column", () => {
    expectNone(RULE, "ALTER TABLE orders ADD COLUMN total bigint;");
  });
  it("accepts a generated column in a new table", () => {
    expectNone(RULE, "CREATE TABLE o (a int, b int GENERATED ALWAYS AS (a * 2) STORED);");
  });
});
