import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { introspectPostgres } from '../../src/dialects/postgres/introspect.js';
import { pgliteClient, startPglite } from '../../src/dialects/postgres/pglite.js';
import { cacheDirectory, readSnapshot, snapshotPath, writeSnapshot } from '../../src/dialects/postgres/pglite-snapshot.js';
import { acquireScratch, closeScratchPool } from '../../src/validate/scratch-postgres.js';

let cache: string;

beforeEach(async () => {
  cache = await mkdtemp(join(tmpdir(), 'mg-cache-'));
  vi.stubEnv('MIGRATION_GENERATOR_CACHE_DIR', cache);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await chmod(cache, 0o700).catch(() => undefined);
  await rm(cache, { recursive: true, force: true });
});

afterAll(closeScratchPool);

async function catalogOf(extensions: readonly string[] = []): Promise<string> {
  const db = await startPglite(extensions);
  try {
    return JSON.stringify(await introspectPostgres(pgliteClient(db)));
  } finally {
    await db.close();
  }
}

describe('cache directory', () => {
  it('prefers the explicit variable, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(cacheDirectory({ MIGRATION_GENERATOR_CACHE_DIR: '/x', XDG_CACHE_HOME: '/y', HOME: '/h' })).toBe('/x');
    expect(cacheDirectory({ XDG_CACHE_HOME: '/y' })).toBe('/y/migration-generator');
    expect(snapshotPath({ MIGRATION_GENERATOR_CACHE_DIR: '/x' })).toMatch(/^\/x\/pglite-\d+\.\d+\.\d+.*-datadir-v\d+\.snapshot$/);
  });
});

describe('PGlite data-directory snapshot', () => {
  it('is written by the first start and gives the next start the same pristine catalog', async () => {
    const plain = await catalogOf();
    const path = snapshotPath() as string;
    expect((await readSnapshot())?.path).toBe(path);
    expect(await readdir(cache)).toEqual([path.slice(cache.length + 1)]);
    const before = await readFile(path);
    expect(await catalogOf()).toBe(plain);
    // Loaded, not rebuilt: the file is the one the first start wrote.
    expect((await readFile(path)).equals(before)).toBe(true);
  });

  it('serves a start that registers extensions, which can then be created', async () => {
    await catalogOf();
    const db = await startPglite(['pg_trgm', 'citext']);
    try {
      await db.exec('CREATE EXTENSION pg_trgm; CREATE EXTENSION citext; CREATE TABLE t (a citext); CREATE INDEX ON t USING gin ((a::text) gin_trgm_ops);');
      const rows = await db.query<{ extname: string }>('SELECT extname FROM pg_extension ORDER BY 1');
      expect(rows.rows.map((r) => r.extname)).toEqual(['citext', 'pg_trgm', 'plpgsql']);
    } finally {
      await db.close();
    }
  });

  it('discards a damaged snapshot and rebuilds it', async () => {
    const plain = await catalogOf();
    const path = snapshotPath() as string;
    const good = await readFile(path);
    const damaged = Buffer.from(good);
    const at = damaged.length - 100;
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    await writeFile(path, damaged);
    expect(await readSnapshot()).toBeUndefined();
    await writeFile(path, 'not a snapshot');
    expect(await catalogOf()).toBe(plain);
    expect(await readSnapshot()).toBeDefined();
  });

  it('starts plainly when the cache directory cannot be written', async () => {
    await chmod(cache, 0o500);
    vi.stubEnv('MIGRATION_GENERATOR_CACHE_DIR', join(cache, 'sub'));
    const probe = await writeSnapshot(new Uint8Array([1, 2, 3]));
    // Root ignores permissions; the point is only that nothing throws either way.
    expect(typeof probe).toBe('boolean');
    vi.stubEnv('MIGRATION_GENERATOR_CACHE_DIR', '/dev/null/not-a-directory');
    expect(await writeSnapshot(new Uint8Array([1, 2, 3]))).toBe(false);
    expect(await catalogOf()).toContain('"tables":{}');
  });

  it('leaves one whole file when writers race', async () => {
    const payloads = Array.from({ length: 8 }, (_, i) => new Uint8Array(200_000).fill(i));
    expect(await Promise.all(payloads.map((p) => writeSnapshot(p)))).toEqual(payloads.map(() => true));
    expect(await readdir(cache)).toHaveLength(1);
    const data = new Uint8Array(await ((await readSnapshot())?.data as Blob).arrayBuffer());
    expect(data.length).toBe(200_000);
    expect(new Set(data).size).toBe(1);
  });
});

describe('the pooled PGlite after a large schema', () => {
  it('is reset and reused, not replaced, after 1,500 tables', async () => {
    const first = await acquireScratch();
    // Roles are cluster-wide and survive a reset: a replaced instance would not have this one.
    await first.client.exec('CREATE ROLE pool_marker');
    const tables = Array.from({ length: 1500 }, (_, i) =>
      `CREATE TABLE t${i} (id int PRIMARY KEY, parent int${i ? ` REFERENCES t${i - 1} (id) ON DELETE CASCADE` : ''}, label text);` +
      ` CREATE INDEX ON t${i} (label);` + (i % 100 === 0 ? ` CREATE VIEW v${i} AS SELECT * FROM t${i};` : ''),
    );
    await first.client.exec(`${tables.join('\n')} CREATE SCHEMA other; CREATE TABLE other.o (id int REFERENCES public.t0 (id));`);
    await first.release();

    const second = await acquireScratch();
    try {
      const roles = await second.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = 'pool_marker'`);
      expect(roles).toEqual([{ n: 1 }]);
      const left = await second.client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname IN ('public', 'other')`,
      );
      expect(left).toEqual([{ n: 0 }]);
    } finally {
      await second.release();
    }
  }, 300_000);
});
