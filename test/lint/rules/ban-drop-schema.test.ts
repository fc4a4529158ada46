import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-drop-schema";

describe(RULE, () => {
  it("flags DROP SCHEMA CASCADE", () => {
    expectOne(RULE, "DROP SCHEMA reporting CASCADE;", 1, 1);
  });
  it("accepts CREATE SCHEMA", () => {
    expectNone(RULE, "CREATE SCHEMA reporting;");
  });
});
