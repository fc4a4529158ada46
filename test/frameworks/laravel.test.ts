/** Laravel 8 (Debian's php-laravel-framework, php-pgsql): its Migrator runs each case up and rolls it back. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandExists, conformanceSuite, driversDir, run, type Runner } from './harness.js';

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
