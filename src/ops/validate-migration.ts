/**
 * validate-migration: proves an up/down pair on a scratch database (PGlite, or a fresh database on a
 * disposable server): load `from`, add sample rows, apply up, compare with `to`, apply down, compare
 * with `from`. The database a URL names is never migrated: only its schema is read.
 */
import { readFile } from 'node:fs/promises';
import { UserError } from '../core/errors.js';
import { loadSchema } from '../sources/resolve.js';
import { validateForDialect } from '../validate/validate-dialect.js';
import type { OpContext } from './common.js';
import { fromSqlText, validationProgress } from './validation-shared.js';
import { validationOutput } from './schemas/validation.js';
import { validateMigrationInput, type ValidateMigrationInput, type ValidateMigrationOutput } from './schemas/validate-migration.js';

export { validateMigrationInput, validateMigrationOutput, type ValidateMigrationInput, type ValidateMigrationOutput } from './schemas/validate-migration.js';

export async function validateMigrationOp(raw: ValidateMigrationInput, context: OpContext = {}): Promise<ValidateMigrationOutput> {
  const input = validateMigrationInput.parse(raw);
  const options = { dialect: input.dialect, scratchUrl: input.databaseUrl, stdin: context.stdin };
  const from = await loadSchema(input.from, options);
  const to = input.to ? await loadSchema(input.to, options) : undefined;
  const result = await validateForDialect(input.dialect, {
    fromSql: await fromSqlText(input.from, from, input.databaseUrl, context),
    from,
    to,
    up: await readMigration(input.up),
    down: await readMigration(input.down),
    serverUrl: input.databaseUrl,
    sampleRows: input.sampleRows,
    ...validationProgress(context),
  });
  return validationOutput.parse(result);
}

/** A path names a file; text with whitespace, `;` or `(` is the SQL itself. */
async function readMigration(pathOrSql: string): Promise<string> {
  try {
    return await readFile(pathOrSql, 'utf8');
  } catch {
    if (/[\s;(]/.test(pathOrSql.trim())) return pathOrSql;
    throw new UserError('NOT_FOUND', `cannot read migration file ${pathOrSql}`, { hint: 'pass a .sql file or the SQL itself' });
  }
}
