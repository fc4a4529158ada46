import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-drop-not-null";

describe(RULE, () => {
  it("flags DROP NOT NULL", () => {
    expectOne(RULE, "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;", 1, 1);
  });
  it("accepts SET NOT NULL is another rule", () => {
    expectNone(RULE, "ALTER TABLE users ALTER COLUMN email SET DEFAULT '';");
  });
});
