/**
 * Doctrine Migrations is not packaged here: each Version class must pass `php -l`, and its up()/down()
 * statements are run through the real Doctrine DBAL (Debian's php-doctrine-dbal) the way Doctrine's
 * executor runs them (drivers/doctrine_driver.php).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandExists, conformanceSuite, driversDir, probe, run, type Runner } from './harness.js';
import { sqliteConformanceSuite } from './sqlite-harness.js';

const doctrine: Runner = {
  format: 'doctrine',
  missing: commandExists('/usr/share/php/Doctrine/DBAL/autoload.php') && commandExists('/usr/bin/php') ? undefined : 'php-cli or php-doctrine-dbal is not installed',
  bookkeeping: ['doctrine_migration_versions'],
  async setup(dir, files) {
        for (const file of files) {
      await writeFile(join(dir, file.path), file.content);
      await run('/usr/bin/php', ['-l', join(dir, file.path)]);
    }
  },
  async up(dir, url) {
    await run('/usr/bin/php', [join(driversDir, 'doctrine_driver.php'), dir, url, 'up']);
  },
  async down(dir, url) {
    await run('/usr/bin/php', [join(driversDir, 'doctrine_driver.php'), dir, url, 'down']);
  },
};

conformanceSuite(doctrine);

// SQLite: the same stand-in on DBAL's pdo_sqlite driver (php-sqlite3).
sqliteConformanceSuite({
  ...doctrine,
  missing: doctrine.missing ?? (probe('/usr/bin/php', ['-r', 'exit(extension_loaded("pdo_sqlite") ? 0 : 1);']) ? undefined : 'php-sqlite3 is not installed'),
  up: (dir, file) => run('/usr/bin/php', [join(driversDir, 'doctrine_driver.php'), dir, `sqlite://${file}`, 'up']).then(() => undefined),
  down: (dir, file) => run('/usr/bin/php', [join(driversDir, 'doctrine_driver.php'), dir, `sqlite://${file}`, 'down']).then(() => undefined),
});
