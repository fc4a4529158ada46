import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-drop-type";

describe(RULE, () => {
  it("flags DROP TYPE CASCADE", () => {
    expectOne(RULE, "DROP TYPE order_status CASCADE;", 1, 1);
  });
  it("flags deleting from pg_enum", () => {
    expectOne(RULE, "DELETE FROM pg_enum WHERE enumlabel = 'legacy';", 1, 1);
  });
  it("accepts creating a type", () => {
    expectNone(RULE, "CREATE TYPE mood AS ENUM ('sad', 'ok');");
  });
});
