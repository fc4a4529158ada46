/**
 * Doctrine Migrations is not packaged here: each Version class must pass `php -l`, and its up()/down()
 * statements are run through the real Doctrine DBAL (Debian's php-doctrine-dbal) the way Doctrine's
 * executor runs them (drivers/doctrine_driver.php).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandExists, conformanceSuite, driversDir, run, TIMESTAMP, type Runner } from './harness.js';

const doctrine: Runner = {
  format: 'doctrine',
  missing: commandExists('/usr/share/php/Doctrine/DBAL/autoload.php') && commandExists('/usr/bin/php') ? undefined : 'php-cli or php-doctrine-dbal is not installed',
  bookkeeping: [],
  async setup(dir, files) {
    if (files.length !== 1) throw new Error(`expected one Version file, got ${files.map((f) => f.path).join(', ')}`);
    for (const file of files) {
      await writeFile(join(dir, file.path), file.content);
      await run('/usr/bin/php', ['-l', join(dir, file.path)]);
    }
  },
  async up(dir, url) {
    await run('/usr/bin/php', [join(driversDir, 'doctrine_driver.php'), join(dir, `Version${TIMESTAMP}.php`), url, 'up']);
  },
  async down(dir, url) {
    await run('/usr/bin/php', [join(driversDir, 'doctrine_driver.php'), join(dir, `Version${TIMESTAMP}.php`), url, 'down']);
  },
};

conformanceSuite(doctrine);
