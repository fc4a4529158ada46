import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import { splitSqlite } from '../../../src/dialects/sqlite/split.js';
import { diffSchemas } from '../../../src/diff/diff.js';
import { loadSchema } from '../../../src/sources/resolve.js';
import { loadSqliteSql } from '../../../src/sources/sql/load-sqlite-sql.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

export const SQLITE_KITCHEN_SINK = `
-- users; a comment with a ; in it
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL COLLATE NOCASE,
  name TEXT DEFAULT 'it''s; fine',
  score REAL DEFAULT (0.5),
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  doubled INT GENERATED ALWAYS AS (id * 2) STORED,
  initials TEXT AS (substr(name, 1, 1)),
  CONSTRAINT users_email UNIQUE (email),
  CHECK (score >= 0)
);
CREATE TABLE "order items" (
  order_id INT NOT NULL,
  user_id INT CONSTRAINT fk_user REFERENCES users (id) ON DELETE CASCADE,
  sku TEXT NOT NULL,
  qty INT NOT NULL CHECK (qty > 0),
  PRIMARY KEY (order_id, sku),
  FOREIGN KEY (sku) REFERENCES products ON UPDATE CASCADE
) WITHOUT ROWID;
CREATE TABLE products (sku TEXT PRIMARY KEY, price INT NOT NULL) STRICT;
/* indexes */
CREATE INDEX users_name ON users (name) WHERE name IS NOT NULL;
CREATE UNIQUE INDEX users_lower_email ON users (lower(email), created_at DESC);
CREATE VIEW big_orders (user_id, n) AS SELECT user_id, count(*) FROM "order items" WHERE qty > 10 GROUP BY user_id;
CREATE TRIGGER users_touch AFTER UPDATE OF name ON users
BEGIN
  UPDATE users SET created_at = CASE WHEN new.name = ';' THEN 'x' ELSE created_at END WHERE id = new.id;
  SELECT 1;
END;
`;

describe('splitting SQLite text into statements', () => {
  it('respects quotes, comments and trigger bodies', () => {
    const statements = splitSqlite(SQLITE_KITCHEN_SINK);
    expect(statements.map((s) => s.text.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'CREATE TABLE users',
      'CREATE TABLE "order',
      'CREATE TABLE products',
      'CREATE INDEX users_name',
      'CREATE UNIQUE INDEX',
      'CREATE VIEW big_orders',
      'CREATE TRIGGER users_touch',
    ]);
    expect(statements[6]!.text.endsWith('END')).toBe(true);
    expect(SQLITE_KITCHEN_SINK.slice(statements[0]!.offset).startsWith('CREATE TABLE users')).toBe(true);
  });

  it('keeps a last statement without a semicolon and drops empty ones', () => {
    expect(splitSqlite(';; SELECT 1; -- done\nSELECT 2').map((s) => s.text)).toEqual(['SELECT 1', 'SELECT 2']);
  });
});

describe('SQLite semantics of SQL text', () => {
  const schema = loadSqliteSql([{ file: 'schema.sql', text: SQLITE_KITCHEN_SINK }]);

  it('reads tables, columns, keys and table options', () => {
    expect(Object.keys(schema.tables)).toEqual(['order items', 'products', 'users']);
    const users = schema.tables.users!;
    const col = (name: string) => users.columns.find((c) => c.name === name)!;
    expect(users.columns.map((c) => c.name)).toEqual(['id', 'email', 'name', 'score', 'created_at', 'doubled', 'initials']);
    expect(col('id')).toEqual({ name: 'id', type: 'INTEGER', notNull: false, extra: { autoincrement: 'true' } });
    expect(col('email')).toMatchObject({ notNull: true, collation: 'NOCASE' });
    expect(col('name').default).toBe("'it''s; fine'");
    expect(col('score').default).toBe('0.5');
    expect(col('created_at').default).toBe('CURRENT_TIMESTAMP');
    expect(col('doubled')).toMatchObject({ generated: 'id * 2', extra: { generated: 'stored' } });
    expect(col('initials')).toMatchObject({ type: 'TEXT', generated: 'substr(name, 1, 1)', extra: { generated: 'virtual' } });
    expect(Object.keys(users.constraints)).toEqual(['users_check', 'users_email', 'users_pkey']);
    expect(users.constraints.users_check!.definition).toBe('CHECK (score >= 0)');
    expect(users.constraints.users_email).toMatchObject({ kind: 'unique', columns: ['email'] });
    const items = schema.tables['order items']!;
    expect(items.extra).toEqual({ withoutRowid: 'true' });
    expect(schema.tables.products!.extra).toEqual({ strict: 'true' });
    expect(items.columns.find((c) => c.name === 'sku')).toMatchObject({ type: 'TEXT', notNull: true });
    expect(items.constraints['order items_pkey']).toMatchObject({ kind: 'primary_key', columns: ['order_id', 'sku'] });
    expect(items.constraints.fk_user).toMatchObject({
      kind: 'foreign_key',
      references: { table: 'users', columns: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
    });
    // REFERENCES without columns means the target's primary key.
    expect(items.constraints['order items_sku_fkey']).toMatchObject({
      definition: 'FOREIGN KEY (sku) REFERENCES products (sku) ON UPDATE CASCADE',
      references: { table: 'products', columns: ['sku'] },
    });
    expect(items.constraints['order items_qty_check']).toMatchObject({ kind: 'check', columns: ['qty'], definition: 'CHECK (qty > 0)' });
  });

  it('reads indexes (partial, expression) but not the automatic ones behind constraints', () => {
    const users = schema.tables.users!;
    expect(Object.keys(users.indexes)).toEqual(['users_lower_email', 'users_name']);
    expect(users.indexes.users_name).toMatchObject({ unique: false, keys: ['name'], where: 'name IS NOT NULL' });
    expect(users.indexes.users_lower_email).toMatchObject({ unique: true, keys: ['lower(email)', 'created_at DESC'] });
    expect(schema.tables['order items']!.indexes).toEqual({});
  });

  it('reads views, triggers and dependencies; leaves PostgreSQL-only collections empty', () => {
    expect(schema.views.big_orders).toMatchObject({
      columns: ['user_id', 'n'],
      definition: 'SELECT user_id, count(*) FROM "order items" WHERE qty > 10 GROUP BY user_id',
    });
    expect(schema.tables.users!.triggers.users_touch!.definition).toMatch(/^CREATE TRIGGER users_touch AFTER UPDATE OF name ON users BEGIN UPDATE users SET .* SELECT 1; END$/);
    expect(schema.dependencies).toEqual({ 'table:order items': ['table:products', 'table:users'], 'view:big_orders': ['table:order items'] });
    for (const key of ['namespaces', 'extensions', 'enums', 'domains', 'compositeTypes', 'sequences', 'routines'] as const) expect(schema[key]).toEqual({});
    expect(schema.unsupported).toEqual([]);
  });

  it('gives the same model for the SQL text and for a database file built from it, and never writes the file', async () => {
    const path = join(dir, 'live.sqlite');
    const db = new Database(path);
    db.exec(SQLITE_KITCHEN_SINK);
    db.close();
    const hash = () => createHash('sha256').update(readFileSync(path)).digest('hex');
    const before = { hash: hash(), mtime: statSync(path).mtimeMs };
    for (const source of [path, `sqlite:${path}`, `file:${path}`]) {
      const live = await loadSchema(source, { dialect: 'sqlite' });
      expect(live).toEqual(schema);
      expect(diffSchemas(live, schema).changes).toEqual([]);
    }
    expect({ hash: hash(), mtime: statSync(path).mtimeMs }).toEqual(before);
  });

  it('reads a folder of files in order, ALTERs included', async () => {
    const a = loadSqliteSql([
      { file: '1.sql', text: 'CREATE TABLE t (id INT);' },
      { file: '2.sql', text: 'ALTER TABLE t ADD COLUMN name TEXT NOT NULL DEFAULT \'\'; ALTER TABLE t RENAME TO t2; BEGIN; CREATE INDEX t2_name ON t2 (name); COMMIT;' },
    ]);
    expect(Object.keys(a.tables)).toEqual(['t2']);
    expect(a.tables.t2!.columns.map((c) => c.name)).toEqual(['id', 'name']);
    expect(Object.keys(a.tables.t2!.indexes)).toEqual(['t2_name']);
  });

  it('reports virtual tables and temporary objects instead of dropping them silently', () => {
    const s = loadSqliteSql([{ file: 'x.sql', text: 'CREATE VIRTUAL TABLE docs USING fts5(body);\nCREATE TEMP TABLE scratch (x);' }]);
    expect(Object.keys(s.tables)).toEqual([]);
    expect(s.unsupported.map((u) => u.kind)).toEqual(['virtual_table', 'statement']);
    expect(s.unsupported[1]!.location).toEqual({ file: 'x.sql', line: 2, column: 1 });
  });
});

describe('SQLite errors', () => {
  const failure = (text: string): UserError => {
    try {
      loadSqliteSql([{ file: 'bad.sql', text }]);
    } catch (error) {
      return error as UserError;
    }
    throw new Error('expected an error');
  };

  it('points a syntax error at the token SQLite names', () => {
    const error = failure('CREATE TABLE a (id INT);\n\nCREATE TABLE b (\n  id INT,\n  x INT REFERENCES a(id) ON DELETE EXPLODE\n);');
    expect(error).toBeInstanceOf(UserError);
    expect(error.code).toBe('SQL_ERROR');
    expect(error.format()).toBe('bad.sql:5:36: near "EXPLODE": syntax error');
  });

  it('points a semantic error at the statement', () => {
    const error = failure('CREATE TABLE a (id INT);\n  CREATE INDEX i ON missing (id);');
    expect(error.format()).toBe('bad.sql:2:3: no such table: main.missing');
  });

  it('refuses a missing or non-database file, and a SQLite file read as another dialect', async () => {
    await expect(loadSchema(join(dir, 'nope.db'), { dialect: 'sqlite' })).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
    await expect(loadSchema(join(dir, 'nope.db'), { dialect: 'postgres' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('SQLite spellings that mean the same column', () => {
  const load = (text: string) => loadSqliteSql([{ file: 'x.sql', text }]);
  it('reads DEFAULT NULL as no default and the rowid alias as one column with or without NOT NULL', () => {
    const plain = load('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);');
    const copied = load('CREATE TABLE t ("id" integer NOT NULL PRIMARY KEY, "a" text DEFAULT NULL);');
    expect(diffSchemas(copied, plain).changes).toEqual([]);
  });
  it('keeps NOT NULL on a primary key that is not the rowid alias, and a real default', () => {
    const plain = load('CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT);');
    expect(diffSchemas(load('CREATE TABLE t (id TEXT NOT NULL PRIMARY KEY, a TEXT);'), plain).changes).toHaveLength(1);
    expect(diffSchemas(load("CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT DEFAULT 'NULL');"), plain).changes).toHaveLength(1);
  });
});
