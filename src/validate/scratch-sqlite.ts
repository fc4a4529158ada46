/**
 * Scratch SQLite databases: in memory, one per use, gone when released. SQLite text is loaded into
 * one to learn what it means; migrations are proven on one.
 */
import type Database from 'better-sqlite3';
import { lazyRequire } from '../core/lazy-require.js';

const loadDatabase = lazyRequire<typeof Database>('better-sqlite3');

export interface SqliteScratch {
  readonly db: Database.Database;
  release(): void;
}

export function acquireSqliteScratch(): SqliteScratch {
  const db = new (loadDatabase())(':memory:');
  // As applications run: foreign keys enforced, so a migration that breaks one fails here too.
  db.pragma('foreign_keys = ON');
  return {
    db,
    release: () => {
      if (db.open) db.close();
    },
  };
}
