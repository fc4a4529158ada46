import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-vacuum-full";

describe(RULE, () => {
  it("flags VACUUM FULL", () => {
    expectOne(RULE, "VACUUM FULL orders;", 1, 1);
  });
  it("flags VACUUM (FULL)", () => {
    expectOne(RULE, "VACUUM (FULL, ANALYZE) orders;", 1, 1);
  });
  it("accepts plain VACUUM", () => {
    expectNone(RULE, "VACUUM (ANALYZE) orders;");
  });
});
