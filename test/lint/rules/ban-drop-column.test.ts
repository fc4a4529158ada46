import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-drop-column";

describe(RULE, () => {
  it("flags DROP COLUMN", () => {
    expectOne(RULE, "ALTER TABLE users DROP COLUMN legacy_id;", 1, 1);
  });
  it("accepts ADD COLUMN", () => {
    expectNone(RULE, "ALTER TABLE users ADD COLUMN legacy_id bigint;");
  });
});
