import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-truncate";

describe(RULE, () => {
  it("flags TRUNCATE", () => {
    expectOne(RULE, "TRUNCATE sessions;", 1, 1);
  });
  it("accepts truncating a table created in the same file", () => {
    expectNone(RULE, "CREATE TABLE s (a int);\nTRUNCATE s;");
  });
});
