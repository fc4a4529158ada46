/**
 * Scratch PostgreSQL databases: where SQL text is loaded to learn what it means, and where
 * migrations are proven. The default is the embedded PGlite; with a server URL, a fresh database is
 * created on that server and dropped afterwards. Nothing runs on the database the URL names.
 */
import type { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { UserError } from '../core/errors.js';
import type { SqlClient } from '../dialects/postgres/client.js';
import { introspectPostgres } from '../dialects/postgres/introspect.js';
import { pgliteClient, startPglite, startedFromSnapshot } from '../dialects/postgres/pglite.js';
import { connectPostgres } from '../dialects/postgres/server.js';

export interface ScratchDatabase {
  readonly client: SqlClient;
  readonly engine: 'pglite' | 'server';
  /** Creates roles that grants and policies name; only where roles are private to the scratch. */
  readonly canCreateRoles: boolean;
  release(): Promise<void>;
}

export interface ScratchOptions {
  /** A PostgreSQL server the user marked as disposable for scratch databases. */
  readonly serverUrl?: string;
  readonly extensions?: readonly string[];
}

export function acquireScratch(options: ScratchOptions = {}): Promise<ScratchDatabase> {
  return options.serverUrl ? createServerScratch(options.serverUrl) : acquirePgliteScratch(options.extensions ?? []);
}

interface PooledPglite {
  readonly db: PGlite;
  readonly extensions: ReadonlySet<string>;
  /** The catalog of a fresh instance, to check that a reset really reset. */
  readonly pristine: string;
  /** Used since its last reset; reset lazily, so the last use of a process never pays for one. */
  dirty: boolean;
}

let pooled: Promise<PooledPglite> | undefined;
let pristineCatalog: string | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** One caller at a time uses the shared instance; the others wait their turn. */
async function acquirePgliteScratch(extensions: readonly string[]): Promise<ScratchDatabase> {
  let releaseTurn!: () => void;
  const turn = new Promise<void>((resolve) => (releaseTurn = resolve));
  const previous = queue;
  queue = previous.then(() => turn);
  await previous;
  try {
    const instance = await cleanInstanceWith(extensions);
    instance.dirty = true;
    const client = pgliteClient(instance.db);
    return {
      client: { ...client, close: async () => undefined },
      engine: 'pglite',
      canCreateRoles: true,
      release: async () => releaseTurn(),
    };
  } catch (error) {
    releaseTurn();
    throw error;
  }
}

async function cleanInstanceWith(extensions: readonly string[]): Promise<PooledPglite> {
  const existing = pooled ? await pooled.catch(() => undefined) : undefined;
  const current = existing?.dirty ? await resetOrDiscard(existing) : existing;
  if (current && extensions.every((name) => current.extensions.has(name))) return current;
  const wanted = new Set([...(current?.extensions ?? []), ...extensions]);
  if (current) await current.db.close().catch(() => undefined);
  pooled = (async () => {
    const db = await startPglite([...wanted]);
    // Every fresh instance has the same catalog (extensions are registered, not created): read it once.
    pristineCatalog ??= JSON.stringify(await introspectPostgres(pgliteClient(db)));
    return { db, extensions: wanted, pristine: pristineCatalog, dirty: false };
  })();
  pooled.catch(() => (pooled = undefined));
  return pooled;
}

/** Returns a PGlite instance to a fresh database (roles stay: they are cluster-wide). */
export const RESET_SQL = `
DO $reset$
DECLARE r record;
BEGIN
  FOR r IN SELECT evtname FROM pg_event_trigger LOOP EXECUTE format('DROP EVENT TRIGGER %I', r.evtname); END LOOP;
  FOR r IN SELECT pubname FROM pg_publication LOOP EXECUTE format('DROP PUBLICATION %I', r.pubname); END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace
           WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname !~ '^pg_' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  FOR r IN SELECT defaclrole::regrole::text AS role FROM pg_default_acl LOOP
    EXECUTE format('DROP OWNED BY %s', r.role);
  END LOOP;
END
$reset$;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
COMMENT ON SCHEMA public IS 'standard public schema';`;

/**
 * Above this many relations (tables, indexes, sequences, views…) dropping them costs more than
 * starting a new instance from the data-directory snapshot. Measured (medians of 3): a reset takes
 * 0.32 s after 640 relations, 0.68 s after 1,900, 2.6 s after 6,500; a start from the snapshot about
 * 0.7–0.9 s whatever the schema was.
 */
export const RESTART_ABOVE_RELATIONS = 3000;

const USER_RELATIONS_SQL = `
SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_'`;

/** Reset, or replace: a large schema is cheaper to leave behind when a start skips `initdb`. */
async function worthResetting(db: PGlite): Promise<boolean> {
  if (!startedFromSnapshot(db)) return true;
  const [row] = (await db.query<{ n: number }>(USER_RELATIONS_SQL)).rows;
  return (row?.n ?? 0) <= RESTART_ABOVE_RELATIONS;
}

/** Relations dropped per transaction: each holds a lock until commit, and the lock table is shared. */
export const RESET_BATCH = 100;

/**
 * The user's relations, as DROP statements, tables first. Members of extensions go with their
 * extension, owned sequences with their column, partitions with their parent.
 */
const RELATION_DROPS_SQL = `
SELECT format('DROP %s IF EXISTS %I.%I CASCADE',
              CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE'
                             WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
              n.nspname, c.relname) AS statement
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S') AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_'
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                            AND d.deptype IN ('e', 'a', 'i'))
ORDER BY c.relkind IN ('r', 'p', 'f') DESC, c.oid`;

const DROP_EVENT_TRIGGERS_SQL = `
DO $reset$
DECLARE r record;
BEGIN
  FOR r IN SELECT evtname FROM pg_event_trigger LOOP EXECUTE format('DROP EVENT TRIGGER %I', r.evtname); END LOOP;
END
$reset$`;

/**
 * `DROP SCHEMA … CASCADE` takes a lock per dropped object in one transaction and runs out of shared
 * memory near 1,000 tables; dropping the relations a batch per transaction first keeps the instance
 * usable after a large schema (the alternative is a new instance, seconds of start-up).
 */
export async function dropRelationsInBatches(db: PGlite, firstBatch = RESET_BATCH): Promise<void> {
  await db.exec(DROP_EVENT_TRIGGERS_SQL);
  const drops = (await db.query<{ statement: string }>(RELATION_DROPS_SQL)).rows.map((row) => row.statement);
  if (drops.length <= RESET_BATCH) return;
  let batch = firstBatch;
  for (let i = 0; i < drops.length; ) {
    try {
      // One simple-protocol message is one transaction: its locks are released when it commits.
      await db.exec(drops.slice(i, i + batch).join(';\n'));
      i += batch;
    } catch (error) {
      // Tables with many indexes or foreign keys need more locks each: the batch rolled back, halve it.
      if ((error as { code?: unknown }).code !== OUT_OF_SHARED_MEMORY || batch === 1) throw error;
      batch = Math.max(1, batch >> 1);
    }
  }
}

const OUT_OF_SHARED_MEMORY = '53200';

/** Resets the shared instance; if that costs more than a new one, or it does not come back pristine, it is thrown away. */
async function resetOrDiscard(instance: PooledPglite): Promise<PooledPglite | undefined> {
  try {
    await instance.db.exec('ROLLBACK').catch(() => undefined);
    await instance.db.exec('DISCARD ALL');
    if (await worthResetting(instance.db)) {
      await dropRelationsInBatches(instance.db);
      await instance.db.exec(RESET_SQL);
      const now = JSON.stringify(await introspectPostgres(pgliteClient(instance.db)));
      if (now === instance.pristine) {
        instance.dirty = false;
        return instance;
      }
    }
  } catch {
    // fall through: discard
  }
  pooled = undefined;
  await instance.db.close().catch(() => undefined);
  return undefined;
}

/** Closes the shared instance (tests and the CLI call it before exiting). */
export async function closeScratchPool(): Promise<void> {
  const current = pooled ? await pooled.catch(() => undefined) : undefined;
  pooled = undefined;
  if (current) await current.db.close().catch(() => undefined);
}

/** Scratch databases this process creates on a server are named with this prefix. */
export function scratchPrefix(): string {
  return `mg_scratch_${process.pid}_`;
}

async function createServerScratch(serverUrl: string): Promise<ScratchDatabase> {
  // The process id in the name tells whose scratch a leftover is (and lets a test find its own).
  const name = `${scratchPrefix()}${randomBytes(6).toString('hex')}`;
  const admin = await connectPostgres(serverUrl);
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.close();
    throw new UserError('CONNECTION_FAILED', `cannot create a scratch database on the server: ${(error as Error).message}`, {
      hint: 'the user in the URL needs the CREATEDB privilege',
    });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let client: SqlClient;
  try {
    client = await connectPostgres(url.toString());
  } catch (error) {
    await admin.exec(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
    await admin.close();
    throw error;
  }
  return {
    client,
    engine: 'server',
    canCreateRoles: false,
    release: async () => {
      await client.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.close();
    },
  };
}
