/** Alembic 1.8 (Debian's python3-alembic) runs each case's revision up to head and down one step. */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandExists, conformanceSuite, driversDir, run, type Runner } from './harness.js';
import { mysqlConformanceSuite } from './mysql-harness.js';
import { sqliteConformanceSuite } from './sqlite-harness.js';

const python = '/usr/bin/python3';

const alembic: Runner = {
  format: 'alembic',
  missing: commandExists('/usr/lib/python3/dist-packages/alembic') ? undefined : 'python3-alembic is not installed',
  bookkeeping: ['alembic_version'],
  async setup(dir, files) {
    await mkdir(join(dir, 'versions'), { recursive: true });
    await copyFile(join(driversDir, 'alembic_env.py'), join(dir, 'env.py'));
    for (const file of files) await writeFile(join(dir, 'versions', file.path), file.content);
  },
  async up(dir, url) {
    await run(python, [join(driversDir, 'alembic_driver.py'), dir, url, 'up']);
  },
  async down(dir, url) {
    await run(python, [join(driversDir, 'alembic_driver.py'), dir, url, 'down']);
  },
};

conformanceSuite(alembic);

// SQLite: the same driver on sqlite:///file; the revisions use batch mode where SQLite must rebuild.
sqliteConformanceSuite({
  ...alembic,
  up: (dir, file) => run(python, [join(driversDir, 'alembic_driver.py'), dir, `sqlite:///${file}`, 'up']).then(() => undefined),
  down: (dir, file) => run(python, [join(driversDir, 'alembic_driver.py'), dir, `sqlite:///${file}`, 'down']).then(() => undefined),
});

// MariaDB: the same driver on mysql+pymysql:// (python3-pymysql).
const pymysql = (url: string) => url.replace(/^mysql:/, 'mysql+pymysql:');
mysqlConformanceSuite({
  ...alembic,
  missing: alembic.missing ?? (commandExists('/usr/lib/python3/dist-packages/pymysql') ? undefined : 'python3-pymysql is not installed'),
  up: (dir, url) => run(python, [join(driversDir, 'alembic_driver.py'), dir, pymysql(url), 'up']).then(() => undefined),
  down: (dir, url) => run(python, [join(driversDir, 'alembic_driver.py'), dir, pymysql(url), 'down']).then(() => undefined),
});
