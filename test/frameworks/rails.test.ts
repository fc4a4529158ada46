/** ActiveRecord 6.1 (Debian's ruby-activerecord, ruby-pg) migrates each case up and rolls it back. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { conformanceSuite, driversDir, probe, run, type Runner } from './harness.js';
import { sqliteConformanceSuite } from './sqlite-harness.js';

const rails: Runner = {
  format: 'rails',
  missing: probe('/usr/bin/ruby', ['-e', 'require "active_record"; require "pg"']) ? undefined : 'ruby-activerecord or ruby-pg is not installed',
  bookkeeping: ['schema_migrations', 'ar_internal_metadata'],
  async setup(dir, files) {
    for (const file of files) await writeFile(join(dir, file.path), file.content);
  },
  async up(dir, url) {
    await run('/usr/bin/ruby', [join(driversDir, 'rails_driver.rb'), dir, url, 'up']);
  },
  async down(dir, url) {
    await run('/usr/bin/ruby', [join(driversDir, 'rails_driver.rb'), dir, url, 'down']);
  },
};

conformanceSuite(rails);

// SQLite: the same runner on a SQLite file.
sqliteConformanceSuite({
  ...rails,
  missing: rails.missing ?? (probe('/usr/bin/ruby', ['-e', 'require "active_record"; require "sqlite3"']) ? undefined : 'ruby-activerecord or ruby-sqlite3 is not installed'),
  up: (dir, file) => run('/usr/bin/ruby', [join(driversDir, 'rails_driver.rb'), dir, `sqlite3://${file}`, 'up']).then(() => undefined),
  down: (dir, file) => run('/usr/bin/ruby', [join(driversDir, 'rails_driver.rb'), dir, `sqlite3://${file}`, 'down']).then(() => undefined),
});
