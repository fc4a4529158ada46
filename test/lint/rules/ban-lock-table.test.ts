import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-lock-table";

describe(RULE, () => {
  it("flags LOCK TABLE in the default ACCESS EXCLUSIVE mode", () => {
    expectOne(RULE, "BEGIN;\nLOCK TABLE orders;\nCOMMIT;", 2, 1);
  });
  it("flags LOCK in EXCLUSIVE mode", () => {
    expectOne(RULE, "BEGIN; LOCK orders IN EXCLUSIVE MODE; COMMIT;", 1, 8);
  });
  it("accepts LOCK in SHARE mode", () => {
    expectNone(RULE, "BEGIN;\nLOCK TABLE orders IN SHARE MODE;\nCOMMIT;");
  });
});
