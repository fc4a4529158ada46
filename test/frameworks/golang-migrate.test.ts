/** golang-migrate is not installable here: its files are checked against its rules and applied in its order (sql-file-runners.ts). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { conformanceSuite, type Runner } from './harness.js';
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
