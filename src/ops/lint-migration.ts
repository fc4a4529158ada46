import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { HAZARD_CODES } from '../core/hazard.js';
import { UserError } from '../core/errors.js';
import { lintSql, loadLintParser } from '../lint/lint.js';
import type { Finding } from '../lint/types.js';

const severity = z.enum(['error', 'warning', 'info']);

export const lintMigrationInputSchema = z
  .object({
    sql: z.string().optional().describe('PostgreSQL migration SQL to lint'),
    files: z.array(z.string().min(1)).optional().describe('Paths of .sql migration files to lint, in order'),
    pgVersion: z.number().int().min(9).max(30).optional().describe('PostgreSQL major version the migration targets (default 15)'),
    disable: z.array(z.string()).optional().describe('Rule ids to switch off for this run'),
  })
  .refine((input) => input.sql !== undefined || (input.files?.length ?? 0) > 0, { message: 'give sql or at least one file' });

export const lintFindingSchema = z.object({
  rule: z.string(),
  code: z.enum(HAZARD_CODES),
  severity,
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int(),
  column: z.number().int(),
  statement: z.string(),
  suggestion: z.string().optional(),
  docs: z.string().optional(),
});

export const lintMigrationOutputSchema = z.object({
  findings: z.array(lintFindingSchema),
  summary: z.object({ errors: z.number().int(), warnings: z.number().int(), infos: z.number().int() }),
  files: z.array(z.object({ file: z.string(), statements: z.number().int(), disabled: z.array(z.string()) })),
});

export type LintMigrationInput = z.infer<typeof lintMigrationInputSchema>;
export type LintMigrationOutput = z.infer<typeof lintMigrationOutputSchema>;

/** Name used for inline SQL in `files` and in findings. */
export const INLINE_SQL = '<input>';

/** Lints inline SQL and/or migration files; findings keep input order, then position. */
export async function lintMigration(input: LintMigrationInput): Promise<LintMigrationOutput> {
  if (input.sql === undefined && (input.files?.length ?? 0) === 0) {
    throw new UserError('BAD_INPUT', 'nothing to lint', { hint: 'give sql or at least one file' });
  }
  await loadLintParser();
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
