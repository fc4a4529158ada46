/**
 * data-migration: an intent (backfill, split, merge, convert, move, expression) → an up and a down
 * that keep the data where that is possible, batched by key range, with checks before and after.
 * Written as `PREFIX_name.up.sql` / `.down.sql` only when `out` is given, never over existing files.
 */
import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { buildDataMigration, dataMigrationIntent } from '../data-migration/intents.js';
import { nextSequence, slugify } from '../emit/naming.js';
import { listExisting, writeFiles } from '../emit/write-files.js';
import { parsePostgres } from '../sources/sql/parse-postgres.js';

export const dataMigrationInput = z.object({
  migration: dataMigrationIntent,
  name: z.string().min(1).optional().describe('File name part (slugged); from the intent when absent'),
  out: z.string().min(1).optional().describe('Folder to write the up and down files into; nothing is written without it'),
});
export type DataMigrationInput = z.input<typeof dataMigrationInput>;

export const dataMigrationOutput = z.object({
  description: z.string(),
  up: z.string(),
  down: z.string(),
  checks: z.array(z.string()),
  backups: z.array(z.string()),
  notes: z.array(z.string()),
  written: z.array(z.string()),
});
export type DataMigrationOutput = z.infer<typeof dataMigrationOutput>;

export async function dataMigration(raw: DataMigrationInput): Promise<DataMigrationOutput> {
  const input = dataMigrationInput.parse(raw);
  const built = await buildCheckedDataMigration(input.migration);
  let written: string[] = [];
  if (input.out) {
    const base = `${nextSequence(await listExisting(input.out))}_${slugify(input.name ?? built.description)}`;
    written = await writeFiles(input.out, [
      { path: `${base}.up.sql`, content: built.up },
      { path: `${base}.down.sql`, content: built.down },
    ]);
  }
  return { ...built, written };
}

/** The intent's up and down, after its user-written SQL pieces were checked to parse. */
export async function buildCheckedDataMigration(intent: z.output<typeof dataMigrationIntent>): Promise<Omit<DataMigrationOutput, 'written'>> {
  if (intent.intent === 'backfill' && (intent.constant === undefined) === (intent.expression === undefined)) {
    throw new UserError('BAD_INPUT', 'backfill needs exactly one of constant or expression');
  }
  await checkSyntax(intent);
  const built = await buildDataMigration(intent);
  return { ...built, checks: [...built.checks], backups: [...built.backups], notes: [...built.notes] };
}

/** User-written SQL pieces are parsed on their own: inside a DO block the parser would not see them. */
async function checkSyntax(intent: z.output<typeof dataMigrationIntent>): Promise<void> {
  const fields = intent as Record<string, unknown>;
  const probes: [string, string][] = [];
  for (const field of ['expression', 'inverse'] as const) if (typeof fields[field] === 'string') probes.push([field, `SELECT (${fields[field] as string})`]);
  if (typeof fields.type === 'string') probes.push(['type', `SELECT NULL::${fields.type}`]);
  if (typeof fields.set === 'string') probes.push(['set', `UPDATE t SET ${fields.set}`]);
  if (typeof fields.where === 'string') probes.push(['where', `SELECT 1 WHERE ${fields.where}`]);
  for (const [field, sql] of probes) {
    const statements = await parsePostgres(sql).catch((error: Error) => {
      throw new UserError('SYNTAX_ERROR', `${field} does not parse: ${error.message}`, { hint: `check the ${field} given to the ${intent.intent} intent` });
    });
    if (statements.length !== 1) throw new UserError('BAD_INPUT', `${field} must be one SQL expression, not several statements`);
  }
}
