/**
 * SQL DDL → Schema for MySQL/MariaDB. With a disposable server: apply the text statement by
 * statement to a scratch database and read it back with the same introspection a live database
 * gets (the server's own semantics). Without one: derive the catalog rows the server would report
 * from the text (mysql-text-catalog.ts) and assemble them the same way.
 */
import { UserError, locate } from '../../core/errors.js';
import type { Schema, Unsupported } from '../../core/model.js';
import { assembleMysql } from '../../dialects/mysql/assemble.js';
import { isMysqlError } from '../../dialects/mysql/client.js';
import { readCatalog } from '../../dialects/mysql/introspect.js';
import { splitMysql, type MysqlStatement } from '../../dialects/mysql/split.js';
import { acquireMysqlScratch } from '../../validate/scratch-mysql.js';
import { isWord, type Token } from './lex.js';
import type { SqlText } from './load-postgres-sql.js';
import { catalogFromText } from './mysql-text-catalog.js';

export interface MysqlLoadOptions {
  /** A MySQL/MariaDB server the user marked as disposable; without it the text is read without a server. */
  readonly serverUrl?: string;
}

export interface LocatedMysqlStatement extends MysqlStatement {
  readonly source: SqlText;
}

/** Statements with no effect on the schema, or that must not run on a scratch database. */
const SKIPPED: Record<string, string | undefined> = {
  START: undefined,
  BEGIN: undefined,
  COMMIT: undefined,
  ROLLBACK: undefined,
  SAVEPOINT: undefined,
  RELEASE: undefined,
  LOCK: undefined,
  UNLOCK: undefined,
  SET: undefined,
  INSERT: undefined,
  REPLACE: undefined,
  UPDATE: undefined,
  DELETE: undefined,
  USE: 'switching databases is outside the schema model',
  GRANT: 'privileges are not represented for MySQL',
  REVOKE: 'privileges are not represented for MySQL',
};

export async function loadMysqlSql(sources: readonly SqlText[], options: MysqlLoadOptions = {}): Promise<Schema> {
  const statements = sources.flatMap((source) => splitMysql(source.text).map((s) => ({ ...s, source })));
  const unsupported: Unsupported[] = [];
  const runnable = statements.filter((s) => {
    const reason = skipReason(s);
    if (reason) unsupported.push({ kind: 'statement', location: where(s), detail: reason });
    return reason === null;
  });
  const schema = options.serverUrl ? await loadOnServer(runnable, options.serverUrl) : assembleMysql(catalogFromText(runnable));
  return { ...schema, unsupported: [...schema.unsupported, ...unsupported] };
}

/** null: run it; undefined: skip quietly; a string: skip and say why. */
function skipReason(s: LocatedMysqlStatement): string | null | undefined {
  const first = s.tokens[0] as Token;
  const word = first.kind === 'word' ? first.text.toUpperCase() : '';
  if (word in SKIPPED) return SKIPPED[word];
  if (isWord(first, 'CREATE', 'DROP', 'ALTER') && isWord(s.tokens[1], 'DATABASE', 'SCHEMA')) return 'databases are outside the schema model';
  return null;
}

async function loadOnServer(statements: readonly LocatedMysqlStatement[], serverUrl: string): Promise<Schema> {
  const scratch = await acquireMysqlScratch(serverUrl);
  try {
    for (const s of statements) {
      try {
        await scratch.client.exec(s.text);
      } catch (error) {
        throw sqlError(error, s);
      }
    }
    return assembleMysql(await readCatalog(scratch.client, scratch.database));
  } finally {
    await scratch.release();
  }
}

/** MySQL's messages carry no offset; `near '...'` quotes the text where parsing stopped. */
function sqlError(error: unknown, s: LocatedMysqlStatement): UserError {
  const message = isMysqlError(error) ? (error.sqlMessage ?? error.message) : String((error as Error)?.message ?? error);
  const near = /near '([\s\S]*?)' at line \d+$/.exec(message)?.[1];
  const at = near ? s.text.indexOf(near) : -1;
  const offset = near && at >= 0 && s.text.indexOf(near, at + 1) < 0 ? s.offset + at : s.offset;
  return new UserError('SQL_ERROR', message, { location: locate(s.source.text, offset, s.source.file) });
}

export function where(s: LocatedMysqlStatement) {
  return locate(s.source.text, s.offset, s.source.file);
}
