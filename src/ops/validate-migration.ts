/**
 * validate-migration: proves an up/down pair on a scratch database (PGlite, or a fresh database on a
 * disposable server): load `from`, add sample rows, apply up, compare with `to`, apply down, compare
 * with `from`. The database a URL names is never migrated: only its schema is read.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { loadSchema } from '../sources/resolve.js';
import { validateForDialect } from '../validate/validate-dialect.js';
import { dialectInput, scratchUrlInput, sourceInput } from './common.js';
import type { OpContext } from './common.js';
import { fromSqlText, validationOutput, validationProgress } from './validation-shared.js';

export const validateMigrationInput = z.object({
  from: sourceInput('current'),
  up: z.string().min(1).describe('The up migration: a .sql file, or the SQL itself'),
  down: z.string().min(1).describe('The down migration: a .sql file, or the SQL itself'),
  dialect: dialectInput,
  to: sourceInput('expected').optional().describe('The schema up must produce; without it, up and down are only checked to apply and return to from'),
  databaseUrl: scratchUrlInput.describe('A server to create the scratch database on (a fresh database, dropped afterwards): PostgreSQL (PGlite otherwise) or MySQL/MariaDB; SQLite runs in memory'),
  sampleRows: z.number().int().min(0).max(100).default(3).describe('Rows per table inserted before up (0: none)'),
});
export type ValidateMigrationInput = z.input<typeof validateMigrationInput>;
export const validateMigrationOutput = validationOutput;
export type ValidateMigrationOutput = z.infer<typeof validateMigrationOutput>;

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
