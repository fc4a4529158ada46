import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-concurrent-index-creation-in-transaction";

describe(RULE, () => {
  it("flags CREATE INDEX CONCURRENTLY inside BEGIN", () => {
    expectOne(RULE, "BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;", 2, 1);
  });
  it("flags DROP INDEX CONCURRENTLY inside START TRANSACTION", () => {
    expectOne(RULE, "START TRANSACTION;\nDROP INDEX CONCURRENTLY i;\nCOMMIT;", 2, 1);
  });
  it("accepts after COMMIT", () => {
    expectNone(RULE, "BEGIN;\nALTER TABLE t ADD COLUMN a int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (a);");
  });
});
