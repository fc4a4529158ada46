import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "changing-table-persistence";

describe(RULE, () => {
  it("flags SET UNLOGGED", () => {
    expectOne(RULE, "ALTER TABLE events SET UNLOGGED;", 1, 1);
  });
  it("flags SET LOGGED", () => {
    expectOne(RULE, "SELECT 1; ALTER TABLE events SET LOGGED;", 1, 11);
  });
  it("accepts CREATE UNLOGGED TABLE", () => {
    expectNone(RULE, "CREATE UNLOGGED TABLE events_buffer (id bigint);");
  });
});
