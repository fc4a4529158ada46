/**
 * Proves a MySQL/MariaDB migration on a scratch database of a disposable server (see prove.ts).
 * Statements run one at a time, as a runner would; MySQL commits each DDL statement, so a failure
 * leaves the ones before it applied (the scratch database is dropped either way).
 */
import { UserError } from '../core/errors.js';
import { isMysqlError, type MysqlClient } from '../dialects/mysql/client.js';
import { introspectMysql } from '../dialects/mysql/introspect.js';
import { backquote } from '../dialects/mysql/names.js';
import { splitMysql } from '../dialects/mysql/split.js';
import { proveOn } from './prove.js';
import { mysqlLiteral } from './sample-rows-sql.js';
import { acquireMysqlScratch } from './scratch-mysql.js';
import type { ValidateMigrationInput, ValidationResult } from './validate-migration.js';

/** Statements a scratch database must not run: they would reach outside it. */
const OUTSIDE = /^\s*(USE\b|(CREATE|DROP|ALTER)\s+(DATABASE|SCHEMA)\b)/i;

export async function validateMysqlMigration(input: ValidateMigrationInput): Promise<ValidationResult> {
  if (!input.serverUrl) {
    throw new UserError('BAD_INPUT', 'validating a MySQL migration needs a disposable MySQL/MariaDB server', { hint: 'pass --scratch-url mysql://root@127.0.0.1:3306/test (a scratch database is created there and dropped)' });
  }
  const scratch = await acquireMysqlScratch(input.serverUrl);
  const client = scratch.client;
  try {
    return await proveOn(
      {
        engine: 'mysql',
        apply: (sql) => applyMysqlScript(client, sql),
        read: () => introspectMysql(client, scratch.database),
        quote: backquote,
        literal: mysqlLiteral,
        run: (sql) => client.exec(sql),
        count: async (sql) => Number((await client.query<{ n: number | string }>(sql))[0]?.n ?? 0),
      },
      input,
    );
  } finally {
    await scratch.release();
  }
}

export async function applyMysqlScript(client: MysqlClient, sql: string): Promise<{ ok: boolean; error?: string }> {
  for (const statement of splitMysql(sql)) {
    if (OUTSIDE.test(statement.text)) continue;
    try {
      await client.exec(statement.text);
    } catch (error) {
      const message = isMysqlError(error) ? (error.sqlMessage ?? error.message) : (error as Error).message;
      return { ok: false, error: `${message} (in: ${statement.text.split('\n')[0]?.slice(0, 160)})` };
    }
  }
  return { ok: true };
}
