/**
 * Proves a SQLite migration on an in-memory database: load `from`, apply up, compare with `to`,
 * apply down, compare with `from`. A `PRAGMA foreign_key_check` in the scripts (the last step of a
 * table rebuild) fails validation when it reports a row, as the rebuild procedure asks.
 */
import type Database from 'better-sqlite3';
import { introspectSqlite } from '../dialects/sqlite/introspect.js';
import { splitSqlite } from '../dialects/sqlite/split.js';
import { acquireSqliteScratch } from './scratch-sqlite.js';
import { compare, type RowCheck, type ValidateMigrationInput, type ValidationResult, type ValidationStep } from './validate-migration.js';

function countRows(db: Database.Database): Map<string, number> {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
  return new Map(tables.map((t) => [t.name, (db.prepare(`SELECT count(*) AS n FROM "${t.name.replace(/"/g, '""')}"`).get() as { n: number }).n]));
}

export async function validateSqliteMigration(input: ValidateMigrationInput): Promise<ValidationResult> {
  const scratch = acquireSqliteScratch();
  const steps: ValidationStep[] = [];
  let rows: RowCheck[] = [];
  const done = (): ValidationResult => ({ ok: steps.every((s) => s.ok), engine: 'sqlite', steps, rows });
  try {
    const loaded = applySqliteScript(scratch.db, input.fromSql);
    steps.push({ name: 'load from', ...loaded });
    if (!loaded.ok) return done();
    const before = countRows(scratch.db);
    rows = [...before].map(([table, count]) => ({ table, before: count }));
    const up = applySqliteScript(scratch.db, input.up);
    steps.push({ name: 'apply up', ...up });
    if (!up.ok) return done();
    if (input.to) steps.push(compare('compare with to', introspectSqlite(scratch.db), input.to));
    const afterUp = countRows(scratch.db);
    rows = rows.map((r) => ({ ...r, afterUp: afterUp.get(r.table) }));
    const down = applySqliteScript(scratch.db, input.down);
    steps.push({ name: 'apply down', ...down });
    if (!down.ok) return done();
    steps.push(compare('compare with from', introspectSqlite(scratch.db), input.from));
    const afterDown = countRows(scratch.db);
    rows = rows.map((r) => ({ ...r, afterDown: afterDown.get(r.table) }));
    const lost = rows.filter((r) => r.afterUp !== undefined && r.afterUp < r.before);
    steps.push(lost.length === 0 ? { name: 'rows kept by up', ok: true } : { name: 'rows kept by up', ok: false, differences: lost.map((r) => `${r.table}: ${r.before} rows before up, ${r.afterUp} after`) });
    return done();
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
