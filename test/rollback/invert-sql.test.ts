import { afterAll, describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/diff/diff.js';
import { introspectPostgres } from '../../src/dialects/postgres/introspect.js';
import { invertSql } from '../../src/rollback/invert-sql.js';
import { acquireScratch, closeScratchPool } from '../../src/validate/scratch-postgres.js';

afterAll(closeScratchPool);

const BASE = `
CREATE TABLE users (id int PRIMARY KEY, email text, name text NOT NULL);
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE posts (id int PRIMARY KEY, user_id int);`;

/** Applies base, then up, then the generated down; the schema must equal base again. */
async function roundTrip(up: string) {
  const { down, irreversible } = await invertSql(up, 'up.sql');
  const scratch = await acquireScratch();
  try {
    await scratch.client.exec(BASE);
    const before = await introspectPostgres(scratch.client);
    await scratch.client.exec(up);
    const after = await introspectPostgres(scratch.client);
    await scratch.client.exec(down);
    const restored = await introspectPostgres(scratch.client);
    return { down, irreversible, changedByUp: diffSchemas(before, after).changes.length, leftOver: diffSchemas(before, restored).changes };
  } finally {
    await scratch.release();
  }
}

const REVERSIBLE: [string, string][] = [
  ['create table', 'CREATE TABLE "Audit Log" (id bigserial PRIMARY KEY, at timestamptz DEFAULT now());'],
  ['add column and index', 'ALTER TABLE users ADD COLUMN verified boolean NOT NULL DEFAULT false;\nCREATE INDEX users_verified ON users (verified);'],
  ['unnamed index and constraints', 'CREATE INDEX ON users (email);\nALTER TABLE posts ADD FOREIGN KEY (user_id) REFERENCES users (id);\nALTER TABLE users ADD UNIQUE (email);'],
  ['renames', 'ALTER TABLE users RENAME COLUMN name TO full_name;\nALTER TABLE posts RENAME TO articles;\nALTER TYPE mood RENAME VALUE \'ok\' TO \'fine\';\nALTER TYPE mood RENAME TO feeling;'],
  ['not null and security', 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users ENABLE ROW LEVEL SECURITY;\nCREATE POLICY own ON users USING (id > 0);'],
  ['types, functions, views, triggers', `CREATE TYPE size AS ENUM ('s', 'm');
CREATE DOMAIN positive AS int CHECK (VALUE > 0);
CREATE FUNCTION add_one(a int, OUT b int) LANGUAGE sql AS $$ SELECT a + 1 $$;
CREATE VIEW emails AS SELECT email FROM users;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
CREATE SCHEMA billing;
CREATE SEQUENCE billing.numbers;`],
  ['grants', 'GRANT SELECT ON users TO PUBLIC;'],
  ['session settings', "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN age int;"],
];

describe('inverting an up migration statement by statement', () => {
  it.each(REVERSIBLE)('%s: the down restores the schema exactly', async (_name, up) => {
    const result = await roundTrip(up);
    expect(result.irreversible).toEqual([]);
    expect(result.changedByUp).toBeGreaterThan(0);
    expect(result.leftOver).toEqual([]);
  });

  it('quotes names exactly as needed', async () => {
    const { down } = await invertSql('CREATE TABLE "Audit Log" (id int);\nALTER TABLE "Users" ADD COLUMN "select" int;');
    expect(down).toContain('DROP TABLE "Audit Log";');
    expect(down).toContain('ALTER TABLE "Users" DROP COLUMN "select";');
  });

  it('names what cannot be undone from the text, and what to supply', async () => {
    const { down, irreversible } = await invertSql(
      'ALTER TABLE users DROP COLUMN name;\nALTER TYPE mood ADD VALUE \'happy\';\nALTER TABLE users ALTER COLUMN email TYPE varchar(10);\nDROP TABLE posts;\nUPDATE users SET email = lower(email);',
    );
    expect(irreversible.map((i) => i.line)).toEqual([1, 2, 3, 4, 5]);
    expect(irreversible[0]!.reason).toMatch(/values cannot come back/);
    expect(irreversible[1]!.reason).toMatch(/cannot remove an enum value/);
    expect(irreversible[2]!.reason).toMatch(/previous type.*--from/);
    expect(down).toContain('-- IRREVERSIBLE (line 4): DROP TABLE');
  });

  it('drops an index built concurrently concurrently, outside the transaction', async () => {
    const { down, statements } = await invertSql('CREATE INDEX CONCURRENTLY users_email ON users (email);');
    expect(statements[0]!.nonTransactional).toBe(true);
    expect(down).toMatch(/COMMIT;|-- These run outside a transaction/);
    expect(down).toContain('DROP INDEX CONCURRENTLY users_email;');
    expect(down).not.toContain('BEGIN;');
  });

  it('is deterministic', async () => {
    const up = REVERSIBLE.map(([, sql]) => sql).join('\n');
    expect((await invertSql(up)).down).toBe((await invertSql(up)).down);
  });
});
