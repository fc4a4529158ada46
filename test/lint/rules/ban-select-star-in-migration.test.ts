import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-select-star-in-migration";

describe(RULE, () => {
  it("flags INSERT ... SELECT *", () => {
    expectOne(RULE, "INSERT INTO archive SELECT * FROM users;", 1, 1);
  });
  it("flags CREATE TABLE AS SELECT t.*", () => {
    expectOne(RULE, "CREATE TABLE copy AS SELECT u.* FROM users u;", 1, 1);
  });
  it("accepts explicit columns", () => {
    expectNone(RULE, "INSERT INTO archive (id, email) SELECT id, email FROM users;");
  });
  it("accepts a plain query", () => {
    expectNone(RULE, "SELECT * FROM users;");
  });
});
