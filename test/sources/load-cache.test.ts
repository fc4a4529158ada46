import Database from 'better-sqlite3';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { emptySchema, type Schema } from '../../src/core/model.js';
import { generateMigration } from '../../src/ops/generate-migration.js';
import { cachedSchemaLoad, DEFAULT_LOAD_CACHE_LIMITS, loadCacheStats, loadKey, resetLoadCache } from '../../src/sources/load-cache.js';
import { loadSchema } from '../../src/sources/resolve.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mg-load-cache-'));
  dirs.push(dir);
  return dir;
}

beforeEach(() => resetLoadCache());
afterAll(async () => {
  resetLoadCache();
  await closeScratchPool();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const key = (text: string, file = 'a.sql') => loadKey({ loader: 'sql', dialect: 'sqlite', texts: [{ file, text }] });

describe('cachedSchemaLoad', () => {
  it('loads once for concurrent identical calls and hands out one frozen schema', async () => {
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return emptySchema('sqlite');
    };
    const [a, b] = await Promise.all([cachedSchemaLoad(key('x'), load), cachedSchemaLoad(key('x'), load)]);
    const c = await cachedSchemaLoad(key('x'), load);
    expect(loads).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.tables)).toBe(true);
    expect(() => ((a.tables as Record<string, unknown>).t = {})).toThrow(TypeError);
  });

  it('keys on the text, its file name, the dialect, the loader and the scratch server', () => {
    const base = { loader: 'sql', dialect: 'postgres' as const, texts: [{ file: 'a.sql', text: 'CREATE TABLE t (a int);' }] };
    const ids = new Set([
      loadKey(base).id,
      loadKey({ ...base, texts: [{ file: 'a.sql', text: 'CREATE TABLE t (a bigint);' }] }).id,
      loadKey({ ...base, texts: [{ file: 'b.sql', text: 'CREATE TABLE t (a int);' }] }).id,
      loadKey({ ...base, dialect: 'mysql' }).id,
      loadKey({ ...base, loader: 'prisma' }).id,
      loadKey({ ...base, scratchUrl: 'postgres://scratch/x' }).id,
    ]);
    expect(ids.size).toBe(6);
    expect(loadKey(base).id).toBe(loadKey({ ...base, texts: [...base.texts] }).id);
  });

  it('keeps no failed load: the next call tries again', async () => {
    let loads = 0;
    const failing = async (): Promise<Schema> => {
      loads++;
      throw new Error('bad text');
    };
    await expect(cachedSchemaLoad(key('bad'), failing)).rejects.toThrow('bad text');
    await expect(cachedSchemaLoad(key('bad'), failing)).rejects.toThrow('bad text');
    expect(loads).toBe(2);
    expect(loadCacheStats().entries).toBe(0);
  });

  it('holds no more entries than its bound, dropping the least recently used', async () => {
    resetLoadCache({ maxEntries: 2, maxTextSize: DEFAULT_LOAD_CACHE_LIMITS.maxTextSize });
    const first = await cachedSchemaLoad(key('one'), async () => emptySchema('sqlite'));
    await cachedSchemaLoad(key('two'), async () => emptySchema('sqlite'));
    // Using `one` again makes `two` the oldest.
    expect(await cachedSchemaLoad(key('one'), async () => emptySchema('sqlite'))).toBe(first);
    await cachedSchemaLoad(key('three'), async () => emptySchema('sqlite'));
    expect(loadCacheStats().entries).toBe(2);
    expect(await cachedSchemaLoad(key('one'), async () => emptySchema('sqlite'))).toBe(first);
    let reloaded = false;
    await cachedSchemaLoad(key('two'), async () => {
      reloaded = true;
      return emptySchema('sqlite');
    });
    expect(reloaded).toBe(true);
  });

  it('holds no more text than its bound, and never a text larger than the bound', async () => {
    resetLoadCache({ maxEntries: 100, maxTextSize: 10 });
    await cachedSchemaLoad(key('123456'), async () => emptySchema('sqlite'));
    await cachedSchemaLoad(key('abcdef'), async () => emptySchema('sqlite'));
    expect(loadCacheStats()).toMatchObject({ entries: 1, textSize: 6 });
    await cachedSchemaLoad(key('x'.repeat(11)), async () => emptySchema('sqlite'));
    expect(loadCacheStats()).toMatchObject({ entries: 1, textSize: 6 });
  });
});

describe('loadSchema through the cache', () => {
  it('answers a second load of an unchanged file from the cache, and an edited file afresh', async () => {
    const dir = await tempDir();
    const file = join(dir, 'schema.sql');
    await writeFile(file, 'CREATE TABLE users (id integer PRIMARY KEY, name text);');
    const first = await loadSchema(file, { dialect: 'sqlite' });
    const second = await loadSchema(file, { dialect: 'sqlite' });
    expect(second).toBe(first);
    expect(loadCacheStats()).toMatchObject({ hits: 1, misses: 1 });

    await writeFile(file, 'CREATE TABLE users (id integer PRIMARY KEY, name text, email text);');
    const edited = await loadSchema(file, { dialect: 'sqlite' });
    expect(edited).not.toBe(first);
    expect(Object.values(edited.tables)[0]?.columns.map((c) => c.name)).toContain('email');
  });

  it('never caches a live database: it is read again on every call', async () => {
    const dir = await tempDir();
    const path = join(dir, 'live.db');
    const db = new Database(path);
    db.exec('CREATE TABLE users (id integer PRIMARY KEY)');
    db.close();
    const first = await loadSchema(`sqlite:${path}`, { dialect: 'sqlite' });
    const writer = new Database(path);
    writer.exec('CREATE TABLE posts (id integer PRIMARY KEY)');
    writer.close();
    const second = await loadSchema(`sqlite:${path}`, { dialect: 'sqlite' });
    expect(Object.keys(first.tables)).toHaveLength(1);
    expect(Object.keys(second.tables)).toHaveLength(2);
    expect(loadCacheStats()).toMatchObject({ entries: 0, hits: 0, misses: 0 });
  });

  it('keeps no failed load of a file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'broken.sql');
    await writeFile(file, 'CREATE TABLE (;');
    await expect(loadSchema(file, { dialect: 'sqlite' })).rejects.toThrow();
    await expect(loadSchema(file, { dialect: 'sqlite' })).rejects.toThrow();
    expect(loadCacheStats()).toMatchObject({ entries: 0, misses: 2 });
  });

  it('gives generate-migration byte-identical output from cached schemas (PostgreSQL on PGlite)', async () => {
    const dir = await tempDir();
    const from = join(dir, 'from.sql');
    const to = join(dir, 'to.sql');
    await writeFile(from, 'CREATE TABLE users (id bigint PRIMARY KEY, name text);\nCREATE INDEX users_name ON users (name);');
    await writeFile(to, 'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, email text);\nCREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));');
    const input = { from, to, dialect: 'postgres' as const, format: 'sql' as const, timestamp: '0001' };
    const cold = JSON.stringify(await generateMigration(input));
    expect(loadCacheStats()).toMatchObject({ entries: 2, misses: 2, hits: 0 });
    const warm = JSON.stringify(await generateMigration(input));
    expect(loadCacheStats()).toMatchObject({ entries: 2, misses: 2, hits: 2 });
    expect(warm).toBe(cold);
  }, 120_000);
});
