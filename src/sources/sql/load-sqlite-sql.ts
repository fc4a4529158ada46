/**
 * SQL DDL → Schema for SQLite: split into statements, apply each to an in-memory SQLite, read the
 * result back with the same introspection a database file gets. The model then means exactly what
 * SQLite means, and SQL text and a live file give equal models by construction.
 */
import { UserError, locate } from '../../core/errors.js';
import type { Schema, SourceLocation, Unsupported } from '../../core/model.js';
import { introspectSqlite } from '../../dialects/sqlite/introspect.js';
import { splitSqlite, type SplitStatement } from '../../dialects/sqlite/split.js';
import { acquireSqliteScratch } from '../../validate/scratch-sqlite.js';
import { identName, isWord, type Token } from './lex.js';
import type { SqlText } from './load-postgres-sql.js';

/** Statements a scratch database runs without effect on the schema, or must not run. */
const SKIPPED: Record<string, string | undefined> = {
  BEGIN: undefined,
  COMMIT: undefined,
  END: undefined,
  ROLLBACK: undefined,
  SAVEPOINT: undefined,
  RELEASE: undefined,
  VACUUM: undefined,
  ANALYZE: undefined,
  REINDEX: undefined,
  ATTACH: 'attached databases are outside the schema model',
  DETACH: 'attached databases are outside the schema model',
};

export function loadSqliteSql(sources: readonly SqlText[]): Schema {
  const scratch = acquireSqliteScratch();
  try {
    const unsupported: Unsupported[] = [];
    for (const source of sources) {
      for (const statement of splitSqlite(source.text)) {
        const skip = skipReason(statement);
        if (skip === null) applyStatement(scratch.db, statement, source);
        else if (skip) unsupported.push({ kind: 'statement', location: locate(source.text, statement.offset, source.file), detail: skip });
      }
    }
    const schema = introspectSqlite(scratch.db);
    return { ...schema, unsupported: [...schema.unsupported, ...unsupported] };
  } finally {
    scratch.release();
  }
}

/** null: run it; undefined: skip quietly; a string: skip and report why. */
function skipReason(statement: SplitStatement): string | null | undefined {
  const first = statement.tokens[0] as Token;
  const word = first.kind === 'word' ? first.text.toUpperCase() : '';
  if (word in SKIPPED) return SKIPPED[word];
  if (word === 'CREATE' && isWord(statement.tokens[1], 'TEMP', 'TEMPORARY')) return 'temporary objects are outside the schema model';
  return null;
}

function applyStatement(db: import('better-sqlite3').Database, statement: SplitStatement, source: SqlText): void {
  try {
    db.exec(statement.text);
  } catch (error) {
    const message = (error as Error).message;
    throw new UserError('SQL_ERROR', message, { location: errorLocation(message, statement, source) });
  }
}

/**
 * SQLite's messages carry no position. A syntax error names the token it stopped at (`near "x"`):
 * when that token occurs once in the statement, point at it; otherwise at the statement's start.
 */
function errorLocation(message: string, statement: SplitStatement, source: SqlText): SourceLocation {
  const near = /near "((?:[^"]|"")*)": syntax error/.exec(message)?.[1];
  if (near !== undefined) {
    const hits = statement.tokens.filter((t) => t.text === near || identName(t) === near);
    if (hits.length === 1) return locate(source.text, (hits[0] as Token).offset, source.file);
  }
  return locate(source.text, statement.offset, source.file);
}
