/**
 * The SQLite matrix (test/dialects/sqlite/cases.ts) × the Node formats, generated with `--dialect sqlite`
 * and run by each tool's own runner on a database file: after up the introspected file equals the
 * case's `to`, after down its `from` (the runners' bookkeeping tables left out).
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../src/core/model.js';
import { introspectSqlite } from '../../src/dialects/sqlite/introspect.js';
import { openSqliteReadOnly } from '../../src/dialects/sqlite/open.js';
import { describeChange } from '../../src/diff/describe.js';
import { diffSchemas } from '../../src/diff/diff.js';
import { generateMigration } from '../../src/ops/generate-migration.js';
import { loadSqliteSql } from '../../src/sources/sql/load-sqlite-sql.js';
import { SQLITE_CASES, type SqliteCase as Case } from '../dialects/sqlite/cases.js';
import { BOOKKEEPING } from '../helpers/node-runners.js';
import { knexSqliteRunner, prismaSqliteRunner, sequelizeSqliteRunner, typeormSqliteRunner, type SqliteRunner } from '../helpers/node-runners-sqlite-mysql.js';

const tmpRoot = join(import.meta.dirname, '..', '..', '.tmp');
const RUNNERS = { knex: knexSqliteRunner, typeorm: typeormSqliteRunner, sequelize: sequelizeSqliteRunner, prisma: prismaSqliteRunner } as const;
type Format = keyof typeof RUNNERS;

const load = (sql: string): Schema => loadSqliteSql([{ file: 'x.sql', text: sql }]);

async function emit(c: Case, format: Format, dir: string): Promise<void> {
  const result = await generateMigration({
    from: c.from || '-- empty',
    to: c.to || '-- empty',
    dialect: 'sqlite',
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

function differences(file: string, expected: Schema): string[] {
  const db = openSqliteReadOnly(file);
  try {
    const schema = introspectSqlite(db);
    const tables = Object.fromEntries(Object.entries(schema.tables).filter(([, t]) => !BOOKKEEPING.includes(t.name)));
    return diffSchemas({ ...schema, tables }, expected).changes.map((change) => describeChange(change).summary);
  } finally {
    db.close();
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
  const dir = join(tmpRoot, `runners-sqlite-${format}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'app.db');
  const runner: SqliteRunner = RUNNERS[format]();
  try {
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    await emit(c, format, migrations);
    const db = new Database(file);
    db.exec(c.from);
    db.close();
    await runner.up(migrations, file).catch((error: Error) => {
      throw new Error(`${format} up failed: ${error.message}\n${listing(migrations)}`);
    });
    expect(differences(file, load(c.to)), `after up, ${c.name} with ${format}:\n${listing(migrations)}`).toEqual([]);
    await runner.down(migrations, file).catch((error: Error) => {
      throw new Error(`${format} down failed: ${error.message}\n${listing(migrations)}`);
    });
    expect(differences(file, load(c.from)), `after down, ${c.name} with ${format}:\n${listing(migrations)}`).toEqual([]);
  } finally {
    await runner.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const format of Object.keys(RUNNERS) as Format[]) {
  describe(`${format} runs the SQLite matrix on a database file`, () => {
    for (const c of SQLITE_CASES) it(c.name, () => roundTrip(c, format));
  });
}
