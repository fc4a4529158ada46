import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { introspectPostgres } from '../../src/dialects/postgres/introspect.js';
import { pgliteClient, startPglite } from '../../src/dialects/postgres/pglite.js';
import { cacheDirectory, readSnapshot, snapshotPath, writeSnapshot } from '../../src/dialects/postgres/pglite-snapshot.js';
import { acquireScratch, closeScratchPool, dropRelationsInBatches } from '../../src/validate/scratch-postgres.js';

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
  const roleCount = async (client: { query<R>(sql: string): Promise<R[]> }) =>
    (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = 'pool_marker'`))[0]?.n;
  const userRelations = async (client: { query<R>(sql: string): Promise<R[]> }) =>
    (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname IN ('public', 'other')`))[0]?.n;

  /** Loads `ddl` into the pooled instance, marks the instance with a role, and hands the next turn back. */
  async function loadThenAcquireAgain(ddl: string) {
    await closeScratchPool();
    const first = await acquireScratch();
    // Roles are cluster-wide and survive a reset: a replaced instance does not have this one.
    await first.client.exec('CREATE ROLE pool_marker');
    await first.client.exec(ddl);
    await first.release();
    return acquireScratch();
  }

  const tables = (count: number, indexes: number) =>
    Array.from({ length: count }, (_, i) =>
      `CREATE TABLE t${i} (id int PRIMARY KEY, parent int${i ? ` REFERENCES t${i - 1} (id) ON DELETE CASCADE` : ''}, label text);` +
      ` CREATE INDEX ON t${i} (label);`.repeat(indexes) + (i % 100 === 0 ? ` CREATE VIEW v${i} AS SELECT * FROM t${i};` : ''),
    ).join('\n');

  it('is reset and reused, not replaced, after 1,500 tables when a start would run initdb', async () => {
    vi.stubEnv('MIGRATION_GENERATOR_CACHE_DIR', '/dev/null/no-cache');
    const second = await loadThenAcquireAgain(`${tables(1500, 1)} CREATE SCHEMA other; CREATE TABLE other.o (id int REFERENCES public.t0 (id));`);
    try {
      expect(await roleCount(second.client)).toBe(1);
      expect(await userRelations(second.client)).toBe(0);
    } finally {
      await second.release();
    }
  }, 300_000);

  it('halves a batch that needs more locks than a transaction can hold', async () => {
    const db = await startPglite();
    try {
      await db.exec(tables(1500, 1));
      // 1,500 tables in one transaction run out of shared memory, as `DROP SCHEMA … CASCADE` did.
      await dropRelationsInBatches(db, 1500);
      const left = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace`);
      expect(left.rows).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  }, 300_000);

  it('is replaced by a start from the snapshot when that is cheaper than dropping', async () => {
    await catalogOf();
    const second = await loadThenAcquireAgain(tables(1500, 1));
    try {
      expect(await roleCount(second.client)).toBe(0);
      expect(await userRelations(second.client)).toBe(0);
    } finally {
      await second.release();
    }
  }, 300_000);

  it('is reset and reused after a small schema, snapshot or not', async () => {
    await catalogOf();
    const second = await loadThenAcquireAgain(tables(150, 1));
    try {
      expect(await roleCount(second.client)).toBe(1);
      expect(await userRelations(second.client)).toBe(0);
    } finally {
      await second.release();
    }
  }, 300_000);
});
