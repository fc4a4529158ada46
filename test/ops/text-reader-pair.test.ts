/**
 * The pair loader reads two PostgreSQL SQL sources as text when it can; the migration generated
 * from that reading must be byte for byte the one generated through the scratch database.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { detectChanges } from '../../src/ops/detect-changes.js';
import { generateMigration } from '../../src/ops/generate-migration.js';
import { loadSchemaPair, READER_ENV } from '../../src/sources/pair.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';
import { schemaPair } from '../../bench/generate-schema.mjs';

afterAll(closeScratchPool);
afterEach(() => {
  delete process.env[READER_ENV];
});

const CASES = join(import.meta.dirname, '..', 'cases');

async function withBothReaders<T>(run: () => Promise<T>): Promise<{ text: T; database: T }> {
  const text = await run();
  process.env[READER_ENV] = 'database';
  try {
    return { text, database: await run() };
  } finally {
    delete process.env[READER_ENV];
  }
}

describe('the text reader in generate-migration and detect-changes', () => {
  it('gives byte-identical migrations and reports for a generated 60-table release', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-text-'));
    const pair = schemaPair(60, 5);
    writeFileSync(join(dir, 'from.sql'), pair.from);
    writeFileSync(join(dir, 'to.sql'), pair.to);
    const input = { from: join(dir, 'from.sql'), to: join(dir, 'to.sql'), allowDataLoss: true, timestamp: '0001' };
    expect((await loadSchemaPair(input.from, input.to, { dialect: 'postgres' })).reader).toBe('text');
    const generated = await withBothReaders(() => generateMigration(input));
    expect(JSON.stringify(generated.text)).toBe(JSON.stringify(generated.database));
    const detected = await withBothReaders(() => detectChanges({ from: input.from, to: input.to }));
    expect(JSON.stringify(detected.text)).toBe(JSON.stringify(detected.database));
  });

  it('gives byte-identical migrations for every case folder whose two sides it reads', async () => {
    let read = 0;
    for (const folder of readdirSync(CASES).sort()) {
      const input = { from: join(CASES, folder, 'from.sql'), to: join(CASES, folder, 'to.sql'), allowDataLoss: true, timestamp: '0001' };
      if ((await loadSchemaPair(input.from, input.to, { dialect: 'postgres' })).reader !== 'text') continue;
      read++;
      const generated = await withBothReaders(() => generateMigration(input));
      expect(JSON.stringify(generated.text), folder).toBe(JSON.stringify(generated.database));
    }
    expect(read).toBeGreaterThanOrEqual(3);
  });

  it('uses the database for both sides when one side needs it, and for live sources', async () => {
    const plain = 'CREATE TABLE t (id int PRIMARY KEY);';
    const withFunction = `${plain} CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;`;
    expect((await loadSchemaPair(plain, plain, { dialect: 'postgres' })).reader).toBe('text');
    const mixed = await loadSchemaPair(plain, withFunction, { dialect: 'postgres' });
    expect(mixed.reader).toBe('database');
    expect(Object.keys(mixed.to.routines)).toEqual(['public.f()']);
    process.env[READER_ENV] = 'database';
    expect((await loadSchemaPair(plain, plain, { dialect: 'postgres' })).reader).toBe('database');
  });

  it('still reports a syntax error at its file, line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-text-'));
    writeFileSync(join(dir, 'bad.sql'), 'CREATE TABLE ok (id int);\nCREATE TABLE bad (id int,;\n');
    await expect(detectChanges({ from: join(dir, 'bad.sql'), to: 'CREATE TABLE ok (id int);' })).rejects.toMatchObject({
      code: 'SYNTAX_ERROR',
      location: { file: join(dir, 'bad.sql'), line: 2 },
    });
    expect(readFileSync(join(dir, 'bad.sql'), 'utf8')).toContain('bad');
  });
});
