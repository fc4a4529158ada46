/**
 * The Node migration runners, driven as their users drive them: Knex's migrator, TypeORM's DataSource,
 * Sequelize through umzug, and Prisma Migrate's way of applying migration.sql (its CLI needs engines
 * it downloads, so the same script goes to the database as one query, recorded in _prisma_migrations).
 * A target is the shared PGlite instance or a fresh database on PG_TEST_URL's server.
 */
import type { PGlite } from '@electric-sql/pglite';
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SqlClient } from '../../src/dialects/postgres/client.js';
import { pgPglite } from './pg-pglite.js';

const require = createRequire(import.meta.url);

export interface Target {
  readonly engine: 'pglite' | 'server';
  readonly client: SqlClient;
  readonly pglite?: PGlite;
  readonly url?: string;
}

export interface Runner {
  up(dir: string, target: Target): Promise<void>;
  down(dir: string, target: Target): Promise<void>;
  /** Releases what the runner holds on the target. */
  close(): Promise<void>;
}

/** Tables and sequences the runners keep their bookkeeping in: not part of the compared schema. */
export const BOOKKEEPING = ['knex_migrations', 'knex_migrations_lock', 'migrations', 'SequelizeMeta', '_prisma_migrations'];

export function knexRunner(): Runner {
  const { knex } = require('knex') as typeof import('knex');
  let instance: ReturnType<typeof knex> | undefined;
  const open = (target: Target) => {
    instance ??= target.pglite
      ? knex({ client: require('knex-pglite'), dialect: 'postgres', connection: (() => ({ pglite: target.pglite })) as never })
      : knex({ client: 'pg', connection: target.url, pool: { min: 0, max: 2 } });
    return instance;
  };
  return {
    up: async (dir, target) => void (await open(target).migrate.latest({ directory: dir, loadExtensions: ['.js'] })),
    down: async (dir, target) => void (await open(target).migrate.rollback({ directory: dir, loadExtensions: ['.js'] })),
    // Destroying a knex-pglite instance closes the shared PGlite: only server connections are closed.
    close: async () => {
      if (instance && instance.client.config.client === 'pg') await instance.destroy();
      instance = undefined;
    },
  };
}

export function typeormRunner(): Runner {
  let source: import('typeorm').DataSource | undefined;
  let transactionFalse = false;
  return {
    async up(dir, target) {
      const { DataSource } = await import('typeorm');
      const file = readdirSync(dir).find((f) => f.endsWith('.ts')) as string;
      const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, new () => { transaction?: boolean }>;
      const migration = Object.values(module)[0] as new () => { transaction?: boolean };
      transactionFalse = new migration().transaction === false;
      const { PGliteDriver } = require('typeorm-pglite') as typeof import('typeorm-pglite');
      source = new DataSource({
        type: 'postgres',
        ...(target.pglite ? { driver: new PGliteDriver().driver } : { url: target.url }),
        migrations: [migration],
        migrationsTransactionMode: 'each',
        logging: false,
      });
      await source.initialize();
      await source.runMigrations({ transaction: 'each' });
    },
    async down() {
      // A migration with `transaction = false` is reverted with `migration:revert -t none`.
      await source?.undoLastMigration({ transaction: transactionFalse ? 'none' : 'each' });
    },
    // Destroying a PGlite data source closes the shared instance: only server connections are closed.
    async close() {
      if (source?.isInitialized && !(source.options as { driver?: unknown }).driver) await source.destroy();
      source = undefined;
    },
  };
}

export function sequelizeRunner(): Runner {
  let sequelize: import('sequelize').Sequelize | undefined;
  let umzug: import('umzug').Umzug<import('sequelize').QueryInterface> | undefined;
  return {
    async up(dir, target) {
      const { Sequelize } = require('sequelize') as typeof import('sequelize');
      const { Umzug, SequelizeStorage } = require('umzug') as typeof import('umzug');
      sequelize = target.pglite
        ? new Sequelize({ dialect: 'postgres', dialectModule: pgPglite(target.pglite), logging: false, pool: { max: 1, min: 0 } })
        : new Sequelize(target.url as string, { dialect: 'postgres', logging: false });
      const context = sequelize.getQueryInterface();
      umzug = new Umzug({
        migrations: {
          glob: ['*.js', { cwd: dir }],
          resolve: ({ name, path }) => {
            const migration = require(path as string) as { up: Function; down: Function };
            return { name, up: async () => migration.up(context, Sequelize), down: async () => migration.down(context, Sequelize) };
          },
        },
        context,
        storage: new SequelizeStorage({ sequelize }),
        logger: undefined,
      });
      await umzug.up();
    },
    async down() {
      await umzug?.down();
    },
    async close() {
      await sequelize?.close();
      sequelize = undefined;
    },
  };
}

const PRISMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * `prisma migrate deploy`: each pending folder's migration.sql as one script (one implicit transaction,
 * or none for a single statement), then a row in _prisma_migrations. Down: down.sql of the folders this
 * run applied, newest first, then `migrate resolve --rolled-back` (rolled_back_at).
 */
export function prismaRunner(): Runner {
  let applied: string[] = [];
  return {
    async up(dir, target) {
      await target.client.exec(PRISMA_MIGRATIONS_TABLE);
      const done = new Set((await target.client.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL')).map((r) => r.migration_name));
      const folders = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
      applied = [];
      for (const folder of folders.filter((f) => !done.has(f))) {
        const script = readFileSync(join(dir, folder, 'migration.sql'), 'utf8');
        await runScript(target, script);
        const checksum = createHash('sha256').update(script).digest('hex');
        await target.client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)',
          [randomUUID(), checksum, folder],
        );
        applied.push(folder);
      }
    },
    async down(dir, target) {
      for (const folder of [...applied].reverse()) {
        await runScript(target, readFileSync(join(dir, folder, 'down.sql'), 'utf8'));
        await target.client.query('UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1', [folder]);
      }
    },
    close: async () => undefined,
  };
}

/** One script, one simple query: what Prisma's schema engine sends. */
async function runScript(target: Target, script: string): Promise<void> {
  await target.client.exec(script);
}
