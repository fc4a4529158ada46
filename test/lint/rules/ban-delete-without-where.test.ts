import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-delete-without-where";

describe(RULE, () => {
  it("flags DELETE without WHERE", () => {
    expectOne(RULE, "DELETE FROM sessions;", 1, 1);
  });
  it("accepts DELETE with WHERE", () => {
    expectNone(RULE, "DELETE FROM sessions WHERE expires_at < now();");
  });
});
