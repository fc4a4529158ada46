/** goose is not installable here: its files are parsed by goose's documented rules and applied section by section (sql-file-runners.ts). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { conformanceSuite, type Runner } from './harness.js';
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
