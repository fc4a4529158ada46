/** lint-migration's input and output: declared apart from the op, so listing the tools loads no rule. */
import { z } from 'zod';
import { HAZARD_CODES } from '../../core/hazard.js';

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
