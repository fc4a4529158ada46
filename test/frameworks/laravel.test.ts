/** Laravel 8 (Debian's php-laravel-framework, php-pgsql): its Migrator runs each case up and rolls it back. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandExists, conformanceSuite, driversDir, probe, run, type Runner } from './harness.js';
import { sqliteConformanceSuite } from './sqlite-harness.js';

const laravel: Runner = {
  format: 'laravel',
  missing: commandExists('/usr/share/php/Illuminate/autoload.php') && commandExists('/usr/bin/php') ? undefined : 'php-laravel-framework is not installed',
  bookkeeping: ['migrations'],
  async setup(dir, files) {
    for (const file of files) await writeFile(join(dir, file.path), file.content);
  },
  async up(dir, url) {
    await run('/usr/bin/php', [join(driversDir, 'laravel_driver.php'), dir, url, 'up']);
  },
  async down(dir, url) {
    await run('/usr/bin/php', [join(driversDir, 'laravel_driver.php'), dir, url, 'down']);
  },
};

conformanceSuite(laravel);

// SQLite: the same runner on a SQLite file.
sqliteConformanceSuite({
  ...laravel,
  missing: laravel.missing ?? (probe('/usr/bin/php', ['-r', 'exit(extension_loaded("pdo_sqlite") ? 0 : 1);']) ? undefined : 'php-sqlite3 is not installed'),
  up: (dir, file) => run('/usr/bin/php', [join(driversDir, 'laravel_driver.php'), dir, `sqlite://${file}`, 'up']).then(() => undefined),
  down: (dir, file) => run('/usr/bin/php', [join(driversDir, 'laravel_driver.php'), dir, `sqlite://${file}`, 'down']).then(() => undefined),
});
