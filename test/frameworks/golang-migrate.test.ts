/** golang-migrate is not installable here: its files are checked against its rules and applied in its order (sql-file-runners.ts). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { conformanceSuite, type Runner } from './harness.js';
import { sqliteClient, sqliteConformanceSuite } from './sqlite-harness.js';
import { golangMigrate } from './sql-file-runners.js';

const runner: Runner = {
  format: 'golang-migrate',
  missing: undefined,
  bookkeeping: ['schema_migrations'],
  async setup(dir, files) {
    for (const file of files) await writeFile(join(dir, file.path), file.content);
  },
  up: (dir, _url, client) => golangMigrate(dir, client, 'up'),
  down: (dir, _url, client) => golangMigrate(dir, client, 'down'),
};

conformanceSuite(runner);

// SQLite: the same files applied to a SQLite file.
async function onSqlite(dir: string, file: string, direction: 'up' | 'down'): Promise<void> {
  const client = sqliteClient(file);
  try {
    await golangMigrate(dir, client, direction, 'sqlite');
  } finally {
    await client.close();
  }
}

sqliteConformanceSuite({
  ...runner,
  up: (dir, file) => onSqlite(dir, file, 'up'),
  down: (dir, file) => onSqlite(dir, file, 'down'),
});
