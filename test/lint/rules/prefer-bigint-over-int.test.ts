import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "prefer-bigint-over-int";

describe(RULE, () => {
  it("flags a serial primary key", () => {
    expectOne(RULE, "CREATE TABLE events (id serial PRIMARY KEY, name text);", 1, 22);
  });
  it("flags an integer primary key declared on the table", () => {
    expectOne(RULE, "CREATE TABLE events (\n  id integer,\n  PRIMARY KEY (id)\n);", 2, 3);
  });
  it("accepts bigint identity keys and integer non-key columns", () => {
    expectNone(RULE, "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n integer);");
  });
});
