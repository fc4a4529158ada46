import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "adding-serial-primary-key-field";

describe(RULE, () => {
  it("flags ADD PRIMARY KEY without USING INDEX", () => {
    expectOne(RULE, "ALTER TABLE items ADD PRIMARY KEY (id);", 1, 23);
  });
  it("flags a new column declared PRIMARY KEY", () => {
    expectOne(RULE, "ALTER TABLE items ADD COLUMN id bigint PRIMARY KEY;", 1, 30);
  });
  it("accepts PRIMARY KEY USING INDEX", () => {
    expectNone(RULE, "ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_pkey_idx;");
  });
});
