import { readFile } from 'node:fs/promises';
import { UserError } from '../core/errors.js';
import { lintSql, loadPostgresParser } from '../lint/lint.js';
import type { Finding } from '../lint/types.js';
import { INLINE_SQL, type LintMigrationInput, type LintMigrationOutput } from './schemas/lint-migration.js';

export { INLINE_SQL, lintFindingSchema, lintMigrationInputSchema, lintMigrationOutputSchema, type LintMigrationInput, type LintMigrationOutput } from './schemas/lint-migration.js';

/** Lints inline SQL and/or migration files; findings keep input order, then position. */
export async function lintMigration(input: LintMigrationInput): Promise<LintMigrationOutput> {
  if (input.sql === undefined && (input.files?.length ?? 0) === 0) {
    throw new UserError('BAD_INPUT', 'nothing to lint', { hint: 'give sql or at least one file' });
  }
  await loadPostgresParser();
  const sources: { file?: string; sql: string }[] = [];
  if (input.sql !== undefined) sources.push({ sql: input.sql });
  for (const file of input.files ?? []) sources.push({ file, sql: await readSql(file) });
  const findings: Finding[] = [];
  const files: LintMigrationOutput['files'] = [];
  for (const source of sources) {
    const result = lintSql(source.sql, { file: source.file, pgVersion: input.pgVersion, disable: input.disable });
    findings.push(...result.findings);
    files.push({ file: source.file ?? INLINE_SQL, statements: result.statements, disabled: [...result.disabled] });
  }
  const count = (level: Finding['severity']) => findings.filter((finding) => finding.severity === level).length;
  return {
    findings: findings.map((finding) => ({ ...finding })),
    summary: { errors: count('error'), warnings: count('warning'), infos: count('info') },
    files,
  };
}

async function readSql(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('NOT_FOUND', `migration file not found: ${file}`, { cause: error });
    if (code === 'EISDIR') throw new UserError('BAD_INPUT', `${file} is a directory; pass the .sql files in it`, { cause: error });
    if (code === 'EACCES') throw new UserError('BAD_INPUT', `cannot read ${file}: permission denied`, { cause: error });
    throw error;
  }
}
