/**
 * The data-keeping variant, with rows: the up backs up what it drops, the down restores it. After
 * up then down, the schema is the one before and every row holds the values it held.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../../src/dialects/postgres/client.js';
import { introspectPostgres } from '../../src/dialects/postgres/introspect.js';
import { diffSchemas } from '../../src/diff/diff.js';
import { rollback } from '../../src/ops/rollback.js';
import { acquireScratch, closeScratchPool } from '../../src/validate/scratch-postgres.js';
import { scriptRunner } from '../helpers/scripts.js';
import { PG_TEST_URL } from '../helpers/server.js';

afterAll(closeScratchPool);

const BASE = `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL UNIQUE, name varchar(100), feeling mood);
CREATE TABLE posts (id bigserial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id), title text NOT NULL);
CREATE SEQUENCE invoice_numbers START 100;
CREATE TABLE notes (user_id int NOT NULL REFERENCES users (id), body text);
`;

const ROWS = `
INSERT INTO users VALUES (1, 'ada@example.com', 'Ada Lovelace', 'ok'), (2, 'alan@example.com', 'Alan Turing', 'happy'), (3, 'grace@example.com', NULL, 'sad');
INSERT INTO posts (user_id, title) VALUES (1, 'Notes'), (2, 'Computing'), (1, 'Engines');
INSERT INTO notes VALUES (1, 'first'), (3, 'second');
SELECT nextval('invoice_numbers');
`;

const CASES: readonly (readonly [string, string, readonly string[]])[] = [
  ['drop a NOT NULL column', 'ALTER TABLE users DROP COLUMN email;', ['public.users.email']],
  ['drop a table that others reference', 'DROP TABLE posts;', ['public.posts']],
  ['narrow a type', 'ALTER TABLE users ALTER COLUMN name TYPE varchar(5) USING left(name, 5);', ['public.users.name']],
  ['remove an enum value', "UPDATE users SET feeling = 'sad' WHERE feeling = 'ok';\nCREATE TYPE mood_new AS ENUM ('sad', 'happy');\nALTER TABLE users ALTER COLUMN feeling TYPE mood_new USING feeling::text::mood_new;\nDROP TYPE mood;\nALTER TYPE mood_new RENAME TO mood;", ['public.users.feeling']],
  ['drop a sequence', "SELECT nextval('invoice_numbers');\nDROP SEQUENCE invoice_numbers;", ['public.invoice_numbers']],
  ['drop a referenced table and a column at once', 'DROP TABLE notes;\nDROP TABLE posts;\nALTER TABLE users DROP COLUMN name;', ['public.notes', 'public.posts', 'public.users.name']],
];

async function snapshot(client: SqlClient): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ['users', 'posts', 'notes']) {
    out[table] = (await client.query<{ r: string }>(`SELECT row_to_json(t)::jsonb::text AS r FROM ${table} t ORDER BY 1`)).map((row) => row.r);
  }
  out.sequence = (await client.query<{ r: string }>('SELECT last_value::text AS r FROM invoice_numbers')).map((row) => row.r);
  return out;
}

async function roundTrip(up: string, serverUrl?: string) {
  const result = await rollback({ sql: up, from: BASE, keepData: true, scratchUrl: serverUrl });
  const scratch = await acquireScratch({ serverUrl });
  try {
    const { errors, run } = scriptRunner(scratch.client);
    await run(BASE);
    await run(ROWS);
    const before = await introspectPostgres(scratch.client);
    const rowsBefore = await snapshot(scratch.client);
    await run(result.up as string);
    await run(result.down);
    // A serial column goes on after the restored rows.
    await run("INSERT INTO posts (user_id, title) VALUES (2, 'after')");
    const nextId = (await scratch.client.query<{ id: string }>("SELECT id::text AS id FROM posts WHERE title = 'after'"))[0]?.id;
    await run("DELETE FROM posts WHERE title = 'after'");
    return {
      result,
      errors,
      nextId,
      leftOver: diffSchemas(await introspectPostgres(scratch.client), before).changes,
      rowsBefore,
      rowsAfter: await snapshot(scratch.client),
    };
  } finally {
    await scratch.release();
  }
}

function expectKept(outcome: Awaited<ReturnType<typeof roundTrip>>, objects: readonly string[]) {
  expect(outcome.errors).toEqual([]);
  expect(outcome.result.up).toContain('_mg_backup_');
  expect(outcome.result.kept.length).toBe(objects.length);
  expect(outcome.result.irreversible).toEqual([]);
  expect(outcome.result.verified).toEqual({ ok: true, differences: [] });
  expect(outcome.leftOver).toEqual([]);
  expect(outcome.rowsAfter).toEqual(outcome.rowsBefore);
  expect(Number(outcome.nextId)).toBeGreaterThan(3);
}

describe('keeping the data a migration drops (PGlite)', () => {
  it.each(CASES)('%s: up then down gives back every row', async (_name, up, objects) => {
    expectKept(await roundTrip(up), objects);
  });

  it('without the backup, the plain down restores the structure but not the values', async () => {
    const result = await rollback({ sql: 'ALTER TABLE users DROP COLUMN name;', from: BASE });
    expect(result.up).toBeUndefined();
    expect(result.irreversible.map((i) => i.statement)).toEqual(['drop column public.users.name']);
  });
});

describe.skipIf(!PG_TEST_URL)('keeping the data a migration drops (PostgreSQL server)', () => {
  it.each(CASES)('%s: up then down gives back every row', async (_name, up, objects) => {
    expectKept(await roundTrip(up, PG_TEST_URL), objects);
  });
});
