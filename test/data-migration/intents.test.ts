/**
 * Each data-migration intent on sample rows: the up transforms them as it claims, its checks stop
 * it when they should, and the down gives back the schema and every value it held.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../../src/dialects/postgres/client.js';
import { introspectPostgres } from '../../src/dialects/postgres/introspect.js';
import { describeChange } from '../../src/diff/describe.js';
import { diffSchemas } from '../../src/diff/diff.js';
import { dataMigration, type DataMigrationInput } from '../../src/ops/data-migration.js';
import { applyScript } from '../../src/validate/validate-migration.js';
import { acquireScratch, closeScratchPool } from '../../src/validate/scratch-postgres.js';
import { scriptRunner } from '../helpers/scripts.js';
import { PG_TEST_URL } from '../helpers/server.js';

afterAll(closeScratchPool);

const BASE = `
CREATE TABLE people (id int PRIMARY KEY, full_name text, nickname text, city text, country text, price numeric(10,2), status text, bio text);
CREATE TABLE profiles (id serial PRIMARY KEY, person_id int NOT NULL REFERENCES people (id), avatar text);
INSERT INTO people VALUES
  (1, 'Ada Lovelace', NULL, 'London', 'UK', 9.99, 'ACTIVE', 'first programmer'),
  (2, 'Alan Mathison Turing', 'al', 'Wilmslow', NULL, 12.50, NULL, NULL),
  (3, 'Cher', NULL, NULL, NULL, NULL, 'Gone', 'singer'),
  (4, NULL, 'x', NULL, 'FR', 0.01, 'active', ''),
  (5, 'Trailing ', NULL, 'Oslo', 'NO', 100, 'Mixed Case', 'it''s quoted');
INSERT INTO profiles (person_id, avatar) SELECT id, 'a' || id FROM people;
`;

type Migration = DataMigrationInput['migration'];

const CASES: readonly (readonly [string, Migration, string, unknown[]])[] = [
  ['backfill a constant, then NOT NULL', { intent: 'backfill', table: 'people', column: 'nickname', constant: "o'neil", notNull: true, batchSize: 2 }, 'SELECT nickname AS v FROM people ORDER BY id', ["o'neil", 'al', "o'neil", 'x', "o'neil"]],
  ['backfill an expression', { intent: 'backfill', table: 'people', column: 'nickname', expression: "lower(split_part(full_name, ' ', 1))", batchSize: 2 }, 'SELECT nickname AS v FROM people ORDER BY id', ['ada', 'al', 'cher', 'x', 'trailing']],
  ['split a full name, dropping it', { intent: 'split', table: 'people', column: 'full_name', into: ['first_name', 'last_name'], dropSource: true, batchSize: 2 }, "SELECT coalesce(first_name, '∅') || '|' || coalesce(last_name, '∅') AS v FROM people ORDER BY id", ['Ada|Lovelace', 'Alan|Mathison Turing', 'Cher|∅', '∅|∅', 'Trailing|']],
  ['merge two columns, dropping them', { intent: 'merge', table: 'people', columns: ['city', 'country'], into: 'location', separator: ', ', dropSources: true, batchSize: 2 }, 'SELECT location AS v FROM people ORDER BY id', ['London, UK', 'Wilmslow', null, 'FR', 'Oslo, NO']],
  ['convert price to cents in a new column', { intent: 'convert', table: 'people', column: 'price', into: 'price_cents', type: 'bigint', expression: '(price * 100)::bigint', inverse: 'price_cents / 100.0', dropSource: true, batchSize: 2 }, 'SELECT price_cents::text AS v FROM people ORDER BY id', ['999', '1250', null, '1', '10000']],
  ['convert price to cents in place', { intent: 'convert', table: 'people', column: 'price', type: 'bigint', expression: '(price * 100)::bigint', inverse: 'price / 100.0', batchSize: 3 }, 'SELECT price::text AS v FROM people ORDER BY id', ['999', '1250', null, '1', '10000']],
  ['move a column to another table', { intent: 'move', table: 'people', column: 'bio', toTable: 'profiles', toKey: 'person_id', batchSize: 2 }, 'SELECT bio AS v FROM profiles ORDER BY person_id', ['first programmer', null, 'singer', '', "it's quoted"]],
  ['a user expression', { intent: 'expression', table: 'people', set: 'status = lower(status), nickname = upper(nickname)', where: 'status IS NOT NULL', batchSize: 2 }, "SELECT coalesce(status, '∅') || '|' || coalesce(nickname, '∅') AS v FROM people ORDER BY id", ['active|∅', '∅|al', 'gone|∅', 'active|X', 'mixed case|∅']],
];

async function snapshot(client: SqlClient): Promise<string[]> {
  const rows = await client.query<{ r: string }>("SELECT 'people ' || (SELECT coalesce(jsonb_agg(to_jsonb(p) ORDER BY id), '[]') FROM people p)::text || ' profiles ' || (SELECT coalesce(jsonb_agg(to_jsonb(p) ORDER BY id), '[]') FROM profiles p)::text AS r");
  return rows.map((r) => r.r);
}

async function roundTrip(migration: Migration, probe: string, serverUrl?: string) {
  const built = await dataMigration({ migration });
  const scratch = await acquireScratch({ serverUrl });
  try {
    const { errors, run } = scriptRunner(scratch.client);
    await run(BASE);
    const schemaBefore = await introspectPostgres(scratch.client);
    const rowsBefore = await snapshot(scratch.client);
    await run(built.up);
    const values = errors.length ? [] : (await scratch.client.query<{ v: unknown }>(probe)).map((r) => r.v);
    await run(built.down);
    return {
      built,
      errors,
      values,
      leftOver: diffSchemas(await introspectPostgres(scratch.client), schemaBefore).changes.map((c) => describeChange(c).summary),
      rowsBefore,
      rowsAfter: await snapshot(scratch.client),
    };
  } finally {
    await scratch.release();
  }
}

async function upFails(migration: Migration, setup: string) {
  const built = await dataMigration({ migration });
  const scratch = await acquireScratch();
  try {
    await applyScript(scratch.client, BASE + setup);
    const before = await snapshot(scratch.client);
    const applied = await applyScript(scratch.client, built.up);
    return { applied, unchanged: JSON.stringify(await snapshot(scratch.client)) === JSON.stringify(before) };
  } finally {
    await scratch.release();
  }
}

describe('data-migration intents round-trip their sample rows (PGlite)', () => {
  it.each(CASES)('%s', async (_name, migration, probe, expected) => {
    const outcome = await roundTrip(migration, probe);
    expect(outcome.errors).toEqual([]);
    expect(outcome.values).toEqual(expected);
    expect(outcome.leftOver).toEqual([]);
    expect(outcome.rowsAfter).toEqual(outcome.rowsBefore);
  });

  it('batches by key range and reports progress', async () => {
    const { up } = await dataMigration({ migration: { intent: 'backfill', table: 'app.people', column: 'nickname', constant: 'n', batchSize: 500 } });
    expect(up).toContain('LIMIT 500');
    expect(up).toContain('last_key app.people.id%TYPE');
    expect(up).toContain('RAISE NOTICE');
    expect(up).toMatch(/CREATE TEMPORARY TABLE _mg_count_rows ON COMMIT DROP AS SELECT count\(\*\)/);
  });

  it('stops, with nothing changed, when NOT NULL would follow and NULLs are left', async () => {
    const { applied, unchanged } = await upFails({ intent: 'backfill', table: 'people', column: 'nickname', expression: 'city', notNull: true }, '');
    expect(applied.ok).toBe(false);
    expect(applied.error).toMatch(/check failed: people.nickname still holds NULL/);
    expect(unchanged).toBe(true);
  });

  it('stops a move when a row has nowhere to go', async () => {
    const { applied, unchanged } = await upFails({ intent: 'move', table: 'people', column: 'bio', toTable: 'profiles', toKey: 'person_id' }, 'DELETE FROM profiles WHERE person_id = 3;');
    expect(applied.ok).toBe(false);
    expect(applied.error).toMatch(/has no row in profiles/);
    expect(unchanged).toBe(true);
  });

  it('stops a conversion that turns a value into NULL', async () => {
    const { applied } = await upFails({ intent: 'convert', table: 'people', column: 'status', type: 'int', expression: "NULLIF(length(status), 4)" }, '');
    expect(applied.error).toMatch(/the conversion gave NULL/);
  });

  it('refuses expressions that do not parse, and an unclear backfill', async () => {
    await expect(dataMigration({ migration: { intent: 'backfill', table: 'people', column: 'nickname', expression: 'lower(' } })).rejects.toThrow(/does not parse/);
    await expect(dataMigration({ migration: { intent: 'backfill', table: 'people', column: 'nickname' } })).rejects.toThrow(/exactly one of constant or expression/);
  });
});

describe.skipIf(!PG_TEST_URL)('data-migration intents round-trip their sample rows (PostgreSQL server)', () => {
  it.each(CASES)('%s', async (_name, migration, probe, expected) => {
    const outcome = await roundTrip(migration, probe, PG_TEST_URL);
    expect(outcome.errors).toEqual([]);
    expect(outcome.values).toEqual(expected);
    expect(outcome.leftOver).toEqual([]);
    expect(outcome.rowsAfter).toEqual(outcome.rowsBefore);
  });
});
