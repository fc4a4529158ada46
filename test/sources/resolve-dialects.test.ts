import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { detectChanges, detectChangesOutput } from '../../src/ops/detect-changes.js';
import { liveDialect, loadSchema } from '../../src/sources/resolve.js';
import { MYSQL_TEST_URL, mysqlDatabaseWith } from '../dialects/mysql/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-dialects-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: async () => '' });
  return { code, stdout, stderr };
}

describe('dialect dispatch', () => {
  it('tells live sources apart by scheme and extension', () => {
    expect(['postgres://h/db', 'mysql://h/db', 'mariadb://h/db', 'sqlite:app.db', 'file:app.sqlite', 'app.db', 'x.sqlite3', 'schema.sql'].map(liveDialect)).toEqual([
      'postgres', 'mysql', 'mysql', 'sqlite', 'sqlite', 'sqlite', 'sqlite', undefined,
    ]);
  });

  it('refuses a live source of another dialect', async () => {
    await expect(loadSchema('mysql://root@127.0.0.1/test', { dialect: 'sqlite' })).rejects.toMatchObject({ code: 'BAD_INPUT', hint: 'pass --dialect mysql' });
  });
});

describe('detect-changes --dialect sqlite', () => {
  const a = write('a.sql', 'CREATE TABLE users (id INTEGER PRIMARY KEY, fullname TEXT);\nCREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INT REFERENCES users(id));\n');
  const b = write('b.sql', 'CREATE TABLE users (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL DEFAULT \'\');\nCREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INT REFERENCES users(id));\nCREATE INDEX orders_user ON orders (user_id);\n');

  it('compares two SQL files end to end through the CLI', async () => {
    const { code, stdout, stderr } = await cli(['detect-changes', '--dialect', 'sqlite', '--from', a, '--to', b, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = detectChangesOutput.parse(JSON.parse(stdout));
    expect(result.changes.map((c) => `${c.kind} ${c.object}`)).toEqual(['add_index orders.orders_user', 'drop_column users.fullname', 'add_column users.full_name']);
    expect(result.possibleRenames.map((r) => r.hint)).toEqual(['users.fullname=users.full_name']);
  });

  it('compares a live database file with SQL text, and exits 2 with file:line:col on bad SQL', async () => {
    const path = join(dir, 'app.db');
    const db = new Database(path);
    db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, fullname TEXT); CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INT REFERENCES users(id));');
    db.close();
    const same = await detectChanges({ from: `sqlite:${path}`, to: a, dialect: 'sqlite' });
    expect(same.changes).toEqual([]);
    const bad = write('bad.sql', 'CREATE TABLE t (id INT);\nCREATE INDEX i ON nowhere (id);\n');
    const { code, stderr } = await cli(['detect-changes', '--dialect', 'sqlite', '--from', a, '--to', bad]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}:2:1: no such table: main.nowhere`);
  });
});

describe('detect-changes --dialect mysql', () => {
  const a = write('m-a.sql', 'CREATE TABLE users (id int PRIMARY KEY AUTO_INCREMENT, email varchar(100));\n');
  const b = write('m-b.sql', 'CREATE TABLE users (id int(11) NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, PRIMARY KEY (id), UNIQUE KEY users_email (email)) ENGINE=InnoDB;\n');

  it('compares two SQL files without a server', async () => {
    const result = await detectChanges({ from: a, to: b, dialect: 'mysql' });
    expect(result.changes.map((c) => `${c.kind} ${c.object}`)).toEqual(['alter_column users.email', 'add_index users.users_email']);
  });

  it.skipIf(!MYSQL_TEST_URL)('compares a live database with SQL text on a scratch server', async () => {
    const live = await mysqlDatabaseWith('CREATE TABLE users (id int PRIMARY KEY AUTO_INCREMENT, email varchar(100));');
    try {
      const same = await detectChanges({ from: live.url, to: a, dialect: 'mysql', scratchUrl: MYSQL_TEST_URL });
      expect(same.changes).toEqual([]);
      const changed = await detectChanges({ from: live.url, to: b, dialect: 'mysql' });
      expect(changed.changes.map((c) => c.kind)).toEqual(['alter_column', 'add_index']);
    } finally {
      await live.drop();
    }
  });
});
