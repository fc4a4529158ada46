/**
 * The MySQL matrix (test/dialects/mysql/cases.ts) × Knex, TypeORM, Sequelize (umzug) and Prisma, generated with `--dialect mysql`
 * and run by each tool's own runner on a scratch database of MYSQL_TEST_URL's server (MariaDB here):
 * after up the introspected database equals the case's `to`, after down its `from`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../src/core/model.js';
import { connectMysql } from '../../src/dialects/mysql/client.js';
import { introspectMysql } from '../../src/dialects/mysql/introspect.js';
import { describeChange } from '../../src/diff/describe.js';
import { diffSchemas } from '../../src/diff/diff.js';
import { generateMigration } from '../../src/ops/generate-migration.js';
import { loadMysqlSql } from '../../src/sources/sql/load-mysql-sql.js';
import { MYSQL_CASES } from '../dialects/mysql/cases.js';
import { MYSQL_TEST_URL, mysqlDatabaseWith, withoutViewQueries } from '../dialects/mysql/helpers.js';
import { BOOKKEEPING } from '../helpers/node-runners.js';
import { knexMysqlRunner, prismaMysqlRunner, sequelizeMysqlRunner, typeormMysqlRunner, type SqliteRunner } from '../helpers/node-runners-sqlite-mysql.js';

type Case = (typeof MYSQL_CASES)[number];
const tmpRoot = join(import.meta.dirname, '..', '..', '.tmp');
const RUNNERS = { knex: knexMysqlRunner, typeorm: typeormMysqlRunner, sequelize: sequelizeMysqlRunner, prisma: prismaMysqlRunner } as const;
type Format = keyof typeof RUNNERS;

const load = (sql: string): Promise<Schema> => loadMysqlSql([{ file: 'x.sql', text: sql }], { serverUrl: MYSQL_TEST_URL });

async function emit(c: Case, format: Format, dir: string): Promise<void> {
  const result = await generateMigration({
    from: c.from || '-- empty',
    to: c.to || '-- empty',
    dialect: 'mysql',
    scratchUrl: MYSQL_TEST_URL,
    format,
    name: 'case',
    timestamp: '20250101120000',
    renames: (c.renames ?? []).map((r) => `${r.from}=${r.to}`),
    allowDataLoss: true,
  });
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  for (const file of result.files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
}

async function differences(url: string, database: string, expected: Schema): Promise<string[]> {
  const client = await connectMysql(url);
  try {
    const schema = await introspectMysql(client, database);
    const tables = Object.fromEntries(Object.entries(schema.tables).filter(([, t]) => !BOOKKEEPING.includes(t.name)));
    return diffSchemas(withoutViewQueries({ ...schema, tables }), withoutViewQueries(expected)).changes.map((change) => describeChange(change).summary);
  } finally {
    await client.close();
  }
}

function listing(dir: string): string {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f !== 'package.json' && statSync(join(dir, f)).isFile())
    .map((f) => `--- ${f}\n${readFileSync(join(dir, f), 'utf8')}`)
    .join('\n');
}

async function roundTrip(c: Case, format: Format): Promise<void> {
  const dir = join(tmpRoot, `runners-mysql-${format}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  const database = await mysqlDatabaseWith(c.from);
  const runner: SqliteRunner = RUNNERS[format]();
  try {
    await emit(c, format, dir);
    await runner.up(dir, database.url).catch((error: Error) => {
      throw new Error(`${format} up failed: ${error.message}\n${listing(dir)}`);
    });
    expect(await differences(database.url, database.name, await load(c.to)), `after up, ${c.name} with ${format}:\n${listing(dir)}`).toEqual([]);
    await runner.down(dir, database.url).catch((error: Error) => {
      throw new Error(`${format} down failed: ${error.message}\n${listing(dir)}`);
    });
    expect(await differences(database.url, database.name, await load(c.from)), `after down, ${c.name} with ${format}:\n${listing(dir)}`).toEqual([]);
  } finally {
    await runner.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const format of Object.keys(RUNNERS) as Format[]) {
  describe.skipIf(!MYSQL_TEST_URL)(`${format} runs the MySQL matrix on MYSQL_TEST_URL`, () => {
    for (const c of MYSQL_CASES) it(c.name, () => roundTrip(c, format), 60_000);
  });
}
