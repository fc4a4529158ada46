/** Django 3.2 (Debian's python3-django, python3-psycopg2) migrates each case's app up and back to zero. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandExists, conformanceSuite, driversDir, run, type Runner } from './harness.js';
import { mysqlConformanceSuite } from './mysql-harness.js';
import { sqliteConformanceSuite } from './sqlite-harness.js';

const django: Runner = {
  format: 'django',
  missing: commandExists('/usr/lib/python3/dist-packages/django') && commandExists('/usr/lib/python3/dist-packages/psycopg2') ? undefined : 'python3-django or python3-psycopg2 is not installed',
  bookkeeping: ['django_migrations'],
  async setup(dir, files) {
    await mkdir(join(dir, 'app', 'migrations'), { recursive: true });
    await writeFile(join(dir, 'app', '__init__.py'), '');
    await writeFile(join(dir, 'app', 'migrations', '__init__.py'), '');
    for (const file of files) await writeFile(join(dir, 'app', 'migrations', file.path), file.content);
  },
  async up(dir, url) {
    await run('/usr/bin/python3', [join(driversDir, 'django_driver.py'), dir, url, 'up']);
  },
  async down(dir, url) {
    await run('/usr/bin/python3', [join(driversDir, 'django_driver.py'), dir, url, 'down']);
  },
};

conformanceSuite(django);

// SQLite: Django's sqlite3 backend on the file (Python's sqlite3 module is built in).
sqliteConformanceSuite({
  ...django,
  missing: commandExists('/usr/lib/python3/dist-packages/django') ? undefined : 'python3-django is not installed',
  up: (dir, file) => run('/usr/bin/python3', [join(driversDir, 'django_driver.py'), dir, `sqlite://${file}`, 'up']).then(() => undefined),
  down: (dir, file) => run('/usr/bin/python3', [join(driversDir, 'django_driver.py'), dir, `sqlite://${file}`, 'down']).then(() => undefined),
});

// MariaDB: Django's mysql backend, PyMySQL standing in for mysqlclient (python3-pymysql).
mysqlConformanceSuite({
  ...django,
  missing: commandExists('/usr/lib/python3/dist-packages/django') && commandExists('/usr/lib/python3/dist-packages/pymysql') ? undefined : 'python3-django or python3-pymysql is not installed',
  up: (dir, url) => run('/usr/bin/python3', [join(driversDir, 'django_driver.py'), dir, url, 'up']).then(() => undefined),
  down: (dir, url) => run('/usr/bin/python3', [join(driversDir, 'django_driver.py'), dir, url, 'down']).then(() => undefined),
});
