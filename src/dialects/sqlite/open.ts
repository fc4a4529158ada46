/** Opens a live SQLite database file for reading only: nothing is written, not even a journal. */
import type Database from 'better-sqlite3';
import { lazyRequire } from '../../core/lazy-require.js';

const loadDatabase = lazyRequire<typeof Database>('better-sqlite3');
import { UserError } from '../../core/errors.js';

/** `sqlite:path`, `sqlite://path`, `file:path`, or a path ending in .db, .sqlite, .sqlite3. */
export function isSqliteLocation(source: string): boolean {
  return /^(sqlite|file):/i.test(source) || /\.(db|sqlite3?)$/i.test(source);
}

export function sqlitePath(source: string): string {
  const match = /^(sqlite|file):(?:\/\/)?([^?]*)/i.exec(source);
  // sqlite:///abs/path → /abs/path; sqlite://rel.db and sqlite:rel.db → rel.db.
  return match ? decodeURIComponent(match[2] ?? '') : source;
}

export function openSqliteReadOnly(source: string): Database.Database {
  const path = sqlitePath(source);
  let db: Database.Database | undefined;
  try {
    db = new (loadDatabase())(path, { readonly: true, fileMustExist: true });
    // Fails now, with a clear message, if the file is not a database.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db?.close();
    throw new UserError('CONNECTION_FAILED', `cannot open SQLite database ${path}: ${(error as Error).message}`, {
      hint: 'pass an existing SQLite database file (it is opened read-only)',
    });
  }
}
