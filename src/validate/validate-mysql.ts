/**
 * Proves a MySQL/MariaDB migration on a scratch database of a disposable server: load `from`, apply
 * up, compare with `to`, apply down, compare with `from`. Statements run one at a time, as a
 * runner would; MySQL commits each DDL statement, so a failure leaves the ones before it applied
 * (the scratch database is dropped either way).
 */
import { UserError } from '../core/errors.js';
import { isMysqlError, type MysqlClient } from '../dialects/mysql/client.js';
import { introspectMysql } from '../dialects/mysql/introspect.js';
import { splitMysql } from '../dialects/mysql/split.js';
import { acquireMysqlScratch } from './scratch-mysql.js';
import { compare, type ValidateMigrationInput, type ValidationResult, type ValidationStep } from './validate-migration.js';

/** Statements a scratch database must not run: they would reach outside it. */
const OUTSIDE = /^\s*(USE\b|(CREATE|DROP|ALTER)\s+(DATABASE|SCHEMA)\b)/i;

export async function validateMysqlMigration(input: ValidateMigrationInput): Promise<ValidationResult> {
  if (!input.serverUrl) {
    throw new UserError('BAD_INPUT', 'validating a MySQL migration needs a disposable MySQL/MariaDB server', { hint: 'pass --scratch-url mysql://root@127.0.0.1:3306/test (a scratch database is created there and dropped)' });
  }
  const scratch = await acquireMysqlScratch(input.serverUrl);
  const steps: ValidationStep[] = [];
  const done = (): ValidationResult => ({ ok: steps.every((s) => s.ok), engine: 'mysql', steps, rows: [] });
  try {
    const read = () => introspectMysql(scratch.client, scratch.database);
    const loaded = await applyMysqlScript(scratch.client, input.fromSql);
    steps.push({ name: 'load from', ...loaded });
    if (!loaded.ok) return done();
    const up = await applyMysqlScript(scratch.client, input.up);
    steps.push({ name: 'apply up', ...up });
    if (!up.ok) return done();
    if (input.to) steps.push(compare('compare with to', await read(), input.to));
    const down = await applyMysqlScript(scratch.client, input.down);
    steps.push({ name: 'apply down', ...down });
    if (!down.ok) return done();
    steps.push(compare('compare with from', await read(), input.from));
    return done();
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
