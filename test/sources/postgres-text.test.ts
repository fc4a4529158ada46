/**
 * The text reader against the database: for every schema it accepts, its model must be the very
 * model PostgreSQL (PGlite) reports after running the same SQL; what it does not model, it must
 * decline (so the caller uses the database).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPostgresSql } from '../../src/sources/sql/load-postgres-sql.js';
import { readPostgresText } from '../../src/sources/sql/postgres-text/index.js';
import { makeObjectName, nameAddition } from '../../src/sources/sql/postgres-text/names.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';
import { schemaPair } from '../../bench/generate-schema.mjs';

afterAll(closeScratchPool);

const FIXTURES = join(import.meta.dirname, 'postgres-text');
const CASES = join(import.meta.dirname, '..', 'cases');

async function bothReaders(text: string) {
  const fromText = await readPostgresText([{ file: 'schema.sql', text }]);
  const fromDatabase = await loadPostgresSql([{ file: 'schema.sql', text }]);
  return { fromText, fromDatabase };
}

describe('reading PostgreSQL DDL without a database', () => {
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.sql')).sort()) {
    it(`models ${file} exactly as PostgreSQL reports it`, async () => {
      const { fromText, fromDatabase } = await bothReaders(readFileSync(join(FIXTURES, file), 'utf8'));
      expect('needsDatabase' in fromText ? fromText.needsDatabase : undefined).toBeUndefined();
      if ('schema' in fromText) expect(JSON.stringify(fromText.schema, null, 1)).toBe(JSON.stringify(fromDatabase, null, 1));
    });
  }

  it('models generated benchmark schemas exactly (enums, identity, checks, partial indexes, views, comments)', async () => {
    for (const seed of [1, 2, 3]) {
      const pair = schemaPair(40, seed);
      for (const text of [pair.from, pair.to]) {
        const { fromText, fromDatabase } = await bothReaders(text);
        expect('schema' in fromText).toBe(true);
        if ('schema' in fromText) expect(fromText.schema).toEqual(fromDatabase);
      }
    }
  });

  it('agrees with the database on every case folder it accepts, and accepts some', async () => {
    let accepted = 0;
    for (const folder of readdirSync(CASES).sort()) {
      for (const side of ['from.sql', 'to.sql']) {
        const text = readFileSync(join(CASES, folder, side), 'utf8');
        const fromText = await readPostgresText([{ file: side, text }]);
        if (!('schema' in fromText)) continue;
        accepted++;
        expect(JSON.stringify(fromText.schema), `${folder}/${side}`).toBe(JSON.stringify(await loadPostgresSql([{ file: side, text }])));
      }
    }
    expect(accepted).toBeGreaterThanOrEqual(10);
  });

  it.each([
    ['CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;', 'statement CreateFunctionStmt'],
    ['CREATE TABLE t (a int); CREATE TABLE t (b int);', 'table public.t exists'],
    ['CREATE TABLE t (a int REFERENCES missing (id));', 'table public.missing is not known here'],
    ["CREATE TABLE t (a int DEFAULT 'x');", 'a string literal of type integer'],
    ['CREATE TABLE t (a int CHECK (a > 0), CHECK (a > 1), CONSTRAINT t_a_check CHECK (a > 2));', 'PostgreSQL would number the generated name t_a_check'],
    ['CREATE TABLE t (a json); CREATE INDEX ON t (a);', 'a btree index on json'],
    ['CREATE TABLE t (a int; ', 'a syntax error, to be reported with its location'],
    ["SET search_path = app; CREATE TABLE t (a int);", 'SET search_path'],
  ])('leaves %s to the database', async (sql, reason) => {
    const result = await readPostgresText([{ text: sql }]);
    expect(result).toEqual({ needsDatabase: reason });
  });

  it('names objects as PostgreSQL does, long names cut to 63 bytes, the longer part first', () => {
    expect(makeObjectName('orders', 'customer_id', 'fkey')).toBe('orders_customer_id_fkey');
    expect(makeObjectName('t', undefined, 'pkey')).toBe('t_pkey');
    const long = makeObjectName('a'.repeat(60), 'b'.repeat(10), 'key');
    expect(long).toBe(`${'a'.repeat(48)}_${'b'.repeat(10)}_key`);
    expect(makeObjectName('é'.repeat(40), undefined, 'idx')).toBe(`${'é'.repeat(29)}_idx`);
    expect(nameAddition(['a', 'b', 'c'])).toBe('a_b_c');
  });
});
