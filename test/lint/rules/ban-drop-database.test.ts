import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-drop-database";

describe(RULE, () => {
  it("flags DROP DATABASE", () => {
    expectOne(RULE, "DROP DATABASE analytics;", 1, 1);
  });
  it("accepts CREATE DATABASE is another matter", () => {
    expectNone(RULE, "CREATE TABLE t (a int);");
  });
});
