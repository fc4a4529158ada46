/**
 * The embedded PostgreSQL (PGlite, WASM). One instance per process is reused: starting one costs
 * about two seconds, resetting one costs milliseconds. Extensions must be registered when an
 * instance starts, so an instance is replaced when a load needs one it lacks. A start loads the
 * cached data directory when there is one (see pglite-snapshot.ts) instead of running `initdb`.
 */
import type { PGlite, Extension as PgliteExtension } from '@electric-sql/pglite';
import type { SqlClient } from './client.js';
import { discardSnapshot, readSnapshot, writeSnapshot } from './pglite-snapshot.js';

/** Contrib extensions PGlite ships, by SQL name → module export name. */
const CONTRIB: Record<string, string> = Object.fromEntries(
  [
    'amcheck', 'bloom', 'btree_gin', 'btree_gist', 'citext', 'cube', 'dict_int', 'dict_xsyn', 'earthdistance',
    'fuzzystrmatch', 'hstore', 'intarray', 'isn', 'lo', 'ltree', 'moddatetime', 'pg_trgm', 'pgcrypto', 'seg',
    'tablefunc', 'tcn', 'tsm_system_rows', 'tsm_system_time', 'unaccent', 'uuid-ossp',
  ].map((name) => [name, name.replace(/-/g, '_')]),
);

export function pgliteSupportsExtension(name: string): boolean {
  return name === 'plpgsql' || name in CONTRIB;
}

const fromSnapshot = new WeakSet<PGlite>();

/** Whether an instance was loaded from the cached data directory: then starting another is cheap. */
export function startedFromSnapshot(db: PGlite): boolean {
  return fromSnapshot.has(db);
}

export async function startPglite(extensionNames: readonly string[] = []): Promise<PGlite> {
  const extensions = await loadExtensions(extensionNames);
  // Imported here, not at the top: the WASM engine is large and most requests never start it.
  const { PGlite } = await import('@electric-sql/pglite');
  const snapshot = await readSnapshot();
  if (snapshot) {
    try {
      const db = await PGlite.create({ extensions, loadDataDir: snapshot.data });
      await db.query('SELECT 1');
      fromSnapshot.add(db);
      return db;
    } catch {
      // A snapshot that passed its checksum but does not start is of no use: drop it, start plain.
      await discardSnapshot(snapshot.path);
    }
  }
  const db = await PGlite.create({ extensions });
  await saveSnapshot(db);
  return db;
}

/**
 * Dumps the data directory of an instance that has run nothing yet. Extensions registered at start
 * live outside the data directory until `CREATE EXTENSION`, so the dump is the same with or without
 * them, and one snapshot serves every set of extensions.
 */
async function saveSnapshot(db: PGlite): Promise<void> {
  try {
    const dump = await db.dumpDataDir('gzip');
    await writeSnapshot(new Uint8Array(await dump.arrayBuffer()));
  } catch {
    // The snapshot only saves time; without it the next start is a plain one.
  }
}

async function loadExtensions(extensionNames: readonly string[]): Promise<Record<string, PgliteExtension>> {
  const extensions: Record<string, PgliteExtension> = {};
  for (const name of [...new Set(extensionNames)].sort()) {
    const exportName = CONTRIB[name];
    if (!exportName) continue;
    const module = (await import(`@electric-sql/pglite/contrib/${exportName}`)) as Record<string, PgliteExtension>;
    const extension = module[exportName];
    if (extension) extensions[exportName] = extension;
  }
  return extensions;
}

export function pgliteClient(db: PGlite): SqlClient {
  return {
    async query<R>(sql: string, params?: readonly unknown[]) {
      const result = await db.query<R>(sql, params ? [...params] : undefined);
      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
    },
  };
}
