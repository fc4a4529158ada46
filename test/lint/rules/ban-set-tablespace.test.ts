import { describe, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "ban-set-tablespace";

describe(RULE, () => {
  it("flags ALTER TABLE SET TABLESPACE", () => {
    expectOne(RULE, "ALTER TABLE events SET TABLESPACE fast_ssd;", 1, 1);
  });
  it("flags ALTER INDEX SET TABLESPACE", () => {
    expectOne(RULE, "ALTER INDEX events_idx SET TABLESPACE fast_ssd;", 1, 1);
  });
  it("accepts creating an index in a tablespace", () => {
    expectNone(RULE, "CREATE INDEX CONCURRENTLY i ON events (a) TABLESPACE fast_ssd;");
  });
});
