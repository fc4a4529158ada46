/** goose is not installable here: its files are parsed by goose's documented rules and applied section by section (sql-file-runners.ts). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { conformanceSuite, type Runner } from './harness.js';
import { sqliteClient, sqliteConformanceSuite } from './sqlite-harness.js';
import { goose } from './sql-file-runners.js';

const runner: Runner = {
  format: 'goose',
  missing: undefined,
  bookkeeping: ['goose_db_version'],
  async setup(dir, files) {
    for (const file of files) await writeFile(join(dir, file.path), file.content);
  },
  up: (dir, _url, client) => goose(dir, client, 'up'),
  down: (dir, _url, client) => goose(dir, client, 'down'),
};

conformanceSuite(runner);

// SQLite: the same files applied to a SQLite file.
async function onSqlite(dir: string, file: string, direction: 'up' | 'down'): Promise<void> {
  const client = sqliteClient(file);
  try {
    await goose(dir, client, direction, 'sqlite');
  } finally {
    await client.close();
  }
}

sqliteConformanceSuite({
  ...runner,
  up: (dir, file) => onSqlite(dir, file, 'up'),
  down: (dir, file) => onSqlite(dir, file, 'down'),
});
