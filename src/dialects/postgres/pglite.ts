/**
 * The embedded PostgreSQL (PGlite, WASM). One instance per process is reused: starting one costs
 * about two seconds, resetting one costs milliseconds. Extensions must be registered when an
 * instance starts, so an instance is replaced when a load needs one it lacks.
 */
import type { PGlite, Extension as PgliteExtension } from '@electric-sql/pglite';
import type { SqlClient } from './client.js';

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

export async function startPglite(extensionNames: readonly string[] = []): Promise<PGlite> {
  const extensions: Record<string, PgliteExtension> = {};
  for (const name of [...new Set(extensionNames)].sort()) {
    const exportName = CONTRIB[name];
    if (!exportName) continue;
    const module = (await import(`@electric-sql/pglite/contrib/${exportName}`)) as Record<string, PgliteExtension>;
    const extension = module[exportName];
    if (extension) extensions[exportName] = extension;
  }
  // Imported here, not at the top: the WASM engine is large and most requests never start it.
  const { PGlite: engine } = await import('@electric-sql/pglite');
  return engine.create({ extensions });
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
