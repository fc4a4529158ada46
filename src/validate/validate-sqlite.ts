/**
 * Proves a SQLite migration on an in-memory database (see prove.ts). A `PRAGMA foreign_key_check` in
 * the scripts (the last step of a table rebuild) fails validation when it reports a row, as the
 * rebuild procedure asks.
 */
import type Database from 'better-sqlite3';
import { introspectSqlite } from '../dialects/sqlite/introspect.js';
import { splitSqlite } from '../dialects/sqlite/split.js';
import { proveOn } from './prove.js';
import { sqliteLiteral } from './sample-rows-sql.js';
import { acquireSqliteScratch } from './scratch-sqlite.js';
import type { ValidateMigrationInput, ValidationResult } from './validate-migration.js';

export async function validateSqliteMigration(input: ValidateMigrationInput): Promise<ValidationResult> {
  const scratch = acquireSqliteScratch();
  const db = scratch.db;
  try {
    return await proveOn(
      {
        engine: 'sqlite',
        apply: async (sql) => applySqliteScript(db, sql),
        read: async () => introspectSqlite(db),
        quote: (name) => `"${name.replace(/"/g, '""')}"`,
        literal: sqliteLiteral,
        run: async (sql) => void db.prepare(sql).run(),
        count: async (sql) => Number((db.prepare(sql).get() as { n: number }).n),
      },
      input,
    );
  } finally {
    scratch.release();
  }
}

export function applySqliteScript(db: Database.Database, sql: string): { ok: boolean; error?: string } {
  for (const statement of splitSqlite(sql)) {
    try {
      const prepared = db.prepare(statement.text);
      if (!prepared.reader) {
        prepared.run();
        continue;
      }
      const rows = prepared.all();
      if (/^\s*PRAGMA\s+(main\.)?foreign_key_check\b/i.test(statement.text) && rows.length > 0) {
        return { ok: false, error: `foreign_key_check reports ${rows.length} row(s) that break a foreign key: ${JSON.stringify(rows[0])}` };
      }
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      return { ok: false, error: `${(error as Error).message} (in: ${statement.text.split('\n')[0]?.slice(0, 160)})` };
    }
  }
  return { ok: true };
}
