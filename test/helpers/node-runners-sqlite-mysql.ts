/**
 * The Node migration runners on SQLite, driven as their users drive them: Knex's migrator
 * (`client: 'better-sqlite3'`), TypeORM's DataSource (`type: 'better-sqlite3'`) and Sequelize through
 * umzug (`dialect: 'sqlite'`, on the sqlite3 driver), on a database file. Prisma Migrate's way of applying migration.sql is the script sent as one exec, with
 * a row in _prisma_migrations. On MySQL/MariaDB: Knex and TypeORM against a scratch database.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** `target`: the SQLite database file, or the MySQL/MariaDB database URL. */
export interface SqliteRunner {
  up(dir: string, target: string): Promise<void>;
  down(dir: string, target: string): Promise<void>;
  close(): Promise<void>;
}

export function knexSqliteRunner(): SqliteRunner {
  const { knex } = require('knex') as typeof import('knex');
  let instance: ReturnType<typeof knex> | undefined;
  const open = (file: string) => (instance ??= knex({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true }));
  return {
    up: async (dir, file) => void (await open(file).migrate.latest({ directory: dir, loadExtensions: ['.js'] })),
    down: async (dir, file) => void (await open(file).migrate.rollback({ directory: dir, loadExtensions: ['.js'] })),
    close: async () => {
      await instance?.destroy();
      instance = undefined;
    },
  };
}

export function typeormSqliteRunner(): SqliteRunner {
  let source: import('typeorm').DataSource | undefined;
  let transactionFalse = false;
  return {
    async up(dir, file) {
      const { DataSource } = await import('typeorm');
      const name = readdirSync(dir).find((f) => f.endsWith('.ts')) as string;
      const module = (await import(pathToFileURL(join(dir, name)).href)) as Record<string, new () => { transaction?: boolean }>;
      const migration = Object.values(module)[0] as new () => { transaction?: boolean };
      transactionFalse = new migration().transaction === false;
      source = new DataSource({ type: 'better-sqlite3', database: file, migrations: [migration], migrationsTransactionMode: 'each', logging: false });
      await source.initialize();
      await source.runMigrations({ transaction: transactionFalse ? 'none' : 'each' });
    },
    async down() {
      await source?.undoLastMigration({ transaction: transactionFalse ? 'none' : 'each' });
    },
    async close() {
      if (source?.isInitialized) await source.destroy();
      source = undefined;
    },
  };
}

const PRISMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "checksum" TEXT NOT NULL,
    "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL,
    "logs" TEXT,
    "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** `prisma migrate deploy` on SQLite: each pending folder's migration.sql as one script, then its row; down.sql newest first. */
export function prismaSqliteRunner(): SqliteRunner {
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  let db: import('better-sqlite3').Database | undefined;
  let applied: string[] = [];
  const open = (file: string) => (db ??= new Database(file));
  return {
    async up(dir, file) {
      const conn = open(file);
      conn.exec(PRISMA_MIGRATIONS_TABLE);
      const done = new Set(conn.prepare('SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL').pluck().all() as string[]);
      const folders = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
      applied = [];
      for (const folder of folders.filter((f) => !done.has(f))) {
        const script = readFileSync(join(dir, folder, 'migration.sql'), 'utf8');
        conn.exec(script);
        const checksum = createHash('sha256').update(script).digest('hex');
        conn.prepare('INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, current_timestamp, ?, 1)').run(randomUUID(), checksum, folder);
        applied.push(folder);
      }
    },
    async down(dir) {
      const conn = db as import('better-sqlite3').Database;
      for (const folder of [...applied].reverse()) {
        conn.exec(readFileSync(join(dir, folder, 'down.sql'), 'utf8'));
        conn.prepare('UPDATE "_prisma_migrations" SET rolled_back_at = current_timestamp WHERE migration_name = ?').run(folder);
      }
    },
    async close() {
      db?.close();
      db = undefined;
    },
  };
}

/** A database on a MySQL/MariaDB server, by URL: Knex with `mysql2`, TypeORM's `mariadb` driver. */
export function knexMysqlRunner(): SqliteRunner {
  const { knex } = require('knex') as typeof import('knex');
  let instance: ReturnType<typeof knex> | undefined;
  const open = (url: string) => (instance ??= knex({ client: 'mysql2', connection: url, pool: { min: 0, max: 2 } }));
  return {
    up: async (dir, url) => void (await open(url).migrate.latest({ directory: dir, loadExtensions: ['.js'] })),
    down: async (dir, url) => void (await open(url).migrate.rollback({ directory: dir, loadExtensions: ['.js'] })),
    close: async () => {
      await instance?.destroy();
      instance = undefined;
    },
  };
}

export function typeormMysqlRunner(): SqliteRunner {
  let source: import('typeorm').DataSource | undefined;
  let transactionFalse = false;
  return {
    async up(dir, url) {
      const { DataSource } = await import('typeorm');
      const name = readdirSync(dir).find((f) => f.endsWith('.ts')) as string;
      const module = (await import(pathToFileURL(join(dir, name)).href)) as Record<string, new () => { transaction?: boolean }>;
      const migration = Object.values(module)[0] as new () => { transaction?: boolean };
      transactionFalse = new migration().transaction === false;
      source = new DataSource({ type: 'mariadb', url, migrations: [migration], migrationsTransactionMode: 'each', logging: false });
      await source.initialize();
      await source.runMigrations({ transaction: transactionFalse ? 'none' : 'each' });
    },
    async down() {
      await source?.undoLastMigration({ transaction: transactionFalse ? 'none' : 'each' });
    },
    async close() {
      if (source?.isInitialized) await source.destroy();
      source = undefined;
    },
  };
}

type SequelizeModule = typeof import('sequelize');

/** Sequelize (`dialect: 'mysql'`, on mysql2) through umzug, as sequelize-cli runs the files. */
export function sequelizeMysqlRunner(): SqliteRunner {
  return sequelizeRunner((url, { Sequelize }) => new Sequelize(url, { dialect: 'mysql', logging: false }));
}

/** Sequelize (`dialect: 'sqlite'`, on the sqlite3 driver) through umzug, on a database file. */
export function sequelizeSqliteRunner(): SqliteRunner {
  return sequelizeRunner((file, { Sequelize }) => new Sequelize({ dialect: 'sqlite', storage: file, logging: false }));
}

function sequelizeRunner(connect: (target: string, module: SequelizeModule) => import('sequelize').Sequelize): SqliteRunner {
  let sequelize: import('sequelize').Sequelize | undefined;
  let umzug: import('umzug').Umzug<import('sequelize').QueryInterface> | undefined;
  return {
    async up(dir, target) {
      const module = require('sequelize') as SequelizeModule;
      const { Umzug, SequelizeStorage } = require('umzug') as typeof import('umzug');
      sequelize = connect(target, module);
      const context = sequelize.getQueryInterface();
      umzug = new Umzug({
        migrations: {
          glob: ['*.js', { cwd: dir }],
          resolve: ({ name, path }) => {
            const migration = require(path as string) as { up: Function; down: Function };
            return { name, up: async () => migration.up(context, module.Sequelize), down: async () => migration.down(context, module.Sequelize) };
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

const PRISMA_MIGRATIONS_TABLE_MYSQL = `CREATE TABLE IF NOT EXISTS \`_prisma_migrations\` (
    \`id\` VARCHAR(36) NOT NULL PRIMARY KEY,
    \`checksum\` VARCHAR(64) NOT NULL,
    \`finished_at\` DATETIME(3) NULL,
    \`migration_name\` VARCHAR(255) NOT NULL,
    \`logs\` TEXT NULL,
    \`rolled_back_at\` DATETIME(3) NULL,
    \`started_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    \`applied_steps_count\` INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** `prisma migrate deploy` on MySQL: each migration.sql statement by statement (MySQL DDL is not transactional), then its row. */
export function prismaMysqlRunner(): SqliteRunner {
  let client: import('../../src/dialects/mysql/client.js').MysqlClient | undefined;
  let applied: string[] = [];
  const run = async (script: string) => {
    const { splitMysql } = await import('../../src/dialects/mysql/split.js');
    for (const s of splitMysql(script)) await client?.exec(s.text);
  };
  return {
    async up(dir, url) {
      const { connectMysql } = await import('../../src/dialects/mysql/client.js');
      client ??= await connectMysql(url);
      await client.exec(PRISMA_MIGRATIONS_TABLE_MYSQL);
      const done = new Set((await client.query<{ migration_name: string }>('SELECT migration_name FROM `_prisma_migrations` WHERE rolled_back_at IS NULL')).map((r) => r.migration_name));
      const folders = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
      applied = [];
      for (const folder of folders.filter((f) => !done.has(f))) {
        const script = readFileSync(join(dir, folder, 'migration.sql'), 'utf8');
        await run(script);
        const checksum = createHash('sha256').update(script).digest('hex');
        await client.query('INSERT INTO `_prisma_migrations` (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, CURRENT_TIMESTAMP(3), ?, 1)', [randomUUID(), checksum, folder]);
        applied.push(folder);
      }
    },
    async down(dir) {
      for (const folder of [...applied].reverse()) {
        await run(readFileSync(join(dir, folder, 'down.sql'), 'utf8'));
        await client?.query('UPDATE `_prisma_migrations` SET rolled_back_at = CURRENT_TIMESTAMP(3) WHERE migration_name = ?', [folder]);
      }
    },
    async close() {
      await client?.close();
      client = undefined;
    },
  };
}
