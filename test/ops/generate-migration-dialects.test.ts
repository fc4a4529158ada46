import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { generateMigration } from '../../src/ops/generate-migration.js';
import { validateMigrationOp } from '../../src/ops/validate-migration.js';
import { acquireSqliteScratch } from '../../src/validate/scratch-sqlite.js';
import { applySqliteScript } from '../../src/validate/validate-sqlite.js';
import { MYSQL_TEST_URL } from '../dialects/mysql/helpers.js';

const FROM = 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, age INTEGER);';
const TO = 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, bio TEXT);';

describe('generate-migration --dialect sqlite', () => {
  it('generates, guards the data loss in SQLite terms, and validates in memory', async () => {
    const result = await generateMigration({ from: FROM, to: TO, dialect: 'sqlite', validate: true });
    expect(result.up).toContain('PRAGMA foreign_keys = OFF');
    expect(result.up).toContain('SELECT 1 FROM "migration-generator: this migration loses data');
    expect(result.validation?.ok, JSON.stringify(result.validation)).toBe(true);
    expect(result.validation?.engine).toBe('sqlite');
    expect(result.plan.destructive).toBe(true);
    const scratch = acquireSqliteScratch();
    try {
      scratch.db.exec(FROM);
      expect(applySqliteScript(scratch.db, result.up)).toMatchObject({ ok: false, error: expect.stringContaining('loses data') });
    } finally {
      scratch.release();
    }
  });

  it('reads a live SQLite file as from, and validate-migration proves the written files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-sqlite-'));
    const file = join(dir, 'app.db');
    const db = new Database(file);
    db.exec(FROM);
    db.close();
    const out = join(dir, 'migrations');
    const result = await generateMigration({ from: file, to: TO, dialect: 'sqlite', out, allowDataLoss: true, validate: true });
    expect(result.validation?.ok, JSON.stringify(result.validation)).toBe(true);
    expect(result.written).toHaveLength(2);
    const [down, up] = [...result.written].sort();
    const checked = await validateMigrationOp({ from: FROM, to: TO, up: up as string, down: down as string, dialect: 'sqlite' });
    expect(checked.steps.map((s) => [s.name, s.ok])).toEqual([['load from', true], ['apply up', true], ['compare with to', true], ['apply down', true], ['compare with from', true], ['rows kept by up', true]]);
  });

  it('runs as one script too (a runner that executes the whole file)', async () => {
    const result = await generateMigration({ from: FROM, to: TO, dialect: 'sqlite', allowDataLoss: true });
    const scratch = acquireSqliteScratch();
    try {
      scratch.db.exec(FROM);
      scratch.db.exec(result.up);
      expect(scratch.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'users'").pluck().get()).toMatch(/"name" TEXT NOT NULL/);
      expect(scratch.db.pragma('foreign_keys', { simple: true })).toBe(1);
      scratch.db.exec(result.down);
      expect(scratch.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'users'").pluck().get()).toMatch(/"age" INTEGER/);
    } finally {
      scratch.release();
    }
  });

  it('validation fails when a rebuild breaks a foreign key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-sqlite-'));
    const from = 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER); INSERT INTO c VALUES (1, 42);';
    const to = 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));';
    const result = await generateMigration({ from, to, dialect: 'sqlite', validate: true });
    expect(result.validation?.ok).toBe(false);
    expect(result.validation?.steps.find((s) => s.name === 'apply up')?.error).toMatch(/foreign_key_check/);
    writeFileSync(join(dir, 'x'), '');
  });
});

describe.skipIf(!MYSQL_TEST_URL)('generate-migration --dialect mysql', () => {
  it('generates without BEGIN/COMMIT, notes the non-transactional DDL, and validates on a scratch database', async () => {
    const from = 'CREATE TABLE users (id int PRIMARY KEY, name varchar(20), age int);';
    const to = 'CREATE TABLE users (id int PRIMARY KEY, name varchar(20) NOT NULL, age bigint, bio text);';
    const result = await generateMigration({ from, to, dialect: 'mysql', validate: true, scratchUrl: MYSQL_TEST_URL });
    expect(result.up).not.toMatch(/^BEGIN;/m);
    expect(result.up).toContain('not transactional');
    expect(result.up.match(/ALTER TABLE/g)).toHaveLength(1);
    expect(result.warnings.map((w) => w.code)).toContain('TABLE_REWRITE');
    expect(result.validation?.ok, JSON.stringify(result.validation)).toBe(true);
    expect(result.validation?.engine).toBe('mysql');
  });

  it('guards a migration that loses data with a statement MySQL refuses', async () => {
    const result = await generateMigration({ from: 'CREATE TABLE t (id int PRIMARY KEY, a int);', to: 'CREATE TABLE t (id int PRIMARY KEY);', dialect: 'mysql' });
    expect(result.up).toMatch(/^SELECT 1 FROM `migration-generator: this migration loses data/m);
  });
});

describe('validation stages on SQLite', () => {
  it('reports each stage and stops when cancelled', async () => {
    const { validateSqliteMigration } = await import('../../src/validate/validate-sqlite.js');
    const { loadSqliteSql } = await import('../../src/sources/sql/load-sqlite-sql.js');
    const from = loadSqliteSql([{ file: 'a', text: FROM }]);
    const stages: string[] = [];
    const input = { fromSql: FROM, from, up: 'ALTER TABLE users ADD COLUMN x INTEGER', down: 'ALTER TABLE users DROP COLUMN x', onStage: (s: string) => void stages.push(s) };
    expect((await validateSqliteMigration(input)).ok).toBe(true);
    expect(stages).toEqual(['load from', 'apply up', 'apply down', 'compare with from']);
    const controller = new AbortController();
    controller.abort();
    const cancelled = { ...input, signal: controller.signal };
    await expect(validateSqliteMigration(cancelled)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
