/**
 * Names with quotes, spaces, reserved words, non-ASCII and SQL in them go through generate-migration
 * and come back out of validation unchanged (up, compare, down, compare) on PGlite and on the server:
 * nothing in a name is ever run as SQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { generateMigration } from '../../src/ops/generate-migration.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';
import { PG_TEST_URL } from '../helpers/server.js';
import { HOSTILE_NAMES } from './inputs.js';

afterAll(() => closeScratchPool());

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** `victim` would be dropped by an injected statement; validation compares it both ways. */
const VICTIM = 'CREATE TABLE victim (id int PRIMARY KEY);';

const from = [VICTIM, ...HOSTILE_NAMES.map((name) => `CREATE TABLE ${q(name)} (${q(`${name} id`)} int PRIMARY KEY, ${q(name)} text);`)].join('\n');

const to = [
  VICTIM,
  `CREATE SCHEMA ${q('sch "x"; DROP TABLE victim; --')};`,
  `CREATE TYPE ${q("mood'); DROP TABLE victim; --")} AS ENUM (${lit("it's")}, ${lit('"quoted"')}, ${lit('🦀')});`,
  ...HOSTILE_NAMES.map((name, i) =>
    [
      `CREATE TABLE ${q(name)} (${q(`${name} id`)} int PRIMARY KEY, ${q(name)} text DEFAULT ${lit(`${name} default`)}, ${q(`${name} new`)} varchar(20));`,
      `CREATE INDEX ${q(`${name} idx`)} ON ${q(name)} (${q(`${name} new`)});`,
      `COMMENT ON COLUMN ${q(name)}.${q(name)} IS ${lit(`comment ${name}`)};`,
      `CREATE VIEW ${q(`${name} view ${i}`)} AS SELECT ${q(name)} FROM ${q(name)};`,
    ].join('\n'),
  ),
].join('\n');

async function roundTrip(scratchUrl?: string) {
  const result = await generateMigration({ from, to, validate: true, scratchUrl, sampleRows: 2 });
  expect(result.validation?.steps.filter((s) => !s.ok)).toEqual([]);
  expect(result.validation?.ok).toBe(true);
  for (const name of HOSTILE_NAMES) expect(result.up).toContain(q(`${name} new`));
  expect(result.up).toContain(q("mood'); DROP TABLE victim; --"));
  expect(result.up).toContain(q('sch "x"; DROP TABLE victim; --'));
  return result;
}

describe('hostile identifiers round-trip through generate and validate', () => {
  it('on PGlite', async () => {
    const result = await roundTrip();
    expect(result.validation?.engine).toBe('pglite');
  }, 300_000);

  it.skipIf(!PG_TEST_URL)('on the server', async () => {
    const result = await roundTrip(PG_TEST_URL);
    expect(result.validation?.engine).toBe('server');
  }, 300_000);
});
