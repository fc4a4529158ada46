import { describe, expect, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "require-concurrent-index-creation";

describe(RULE, () => {
  it("flags a plain CREATE INDEX", () => {
    expectOne(RULE, "SELECT 1;\n  CREATE INDEX orders_user_idx ON orders (user_id);", 2, 3);
  });
  it("accepts CREATE INDEX CONCURRENTLY", () => {
    expectNone(RULE, "CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);");
  });
  it("accepts an index on a table created in the file", () => {
    expectNone(RULE, "CREATE TABLE orders (user_id bigint);\nCREATE INDEX orders_user_idx ON orders (user_id);");
  });
});

describe(`${RULE} suggestion`, () => {
  it('is the same index built CONCURRENTLY', () => {
    const finding = expectOne(RULE, 'CREATE UNIQUE INDEX i ON users (email) WHERE deleted_at IS NULL;', 1, 1);
    expect(finding.suggestion).toBe('CREATE UNIQUE INDEX CONCURRENTLY i ON users (email) WHERE deleted_at IS NULL;');
  });
});
