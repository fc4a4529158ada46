/**
 * data-migration: an intent (backfill, split, merge, convert, move, expression) → an up and a down
 * that keep the data where that is possible, batched by key range, with checks before and after.
 * Written as `PREFIX_name.up.sql` / `.down.sql` only when `out` is given, never over existing files.
 */
import type { z } from 'zod';
import { UserError } from '../core/errors.js';
import { buildDataMigration, type dataMigrationIntent } from '../data-migration/intents.js';
import { dataMigrationInput, type DataMigrationInput, type DataMigrationOutput } from './schemas/data-migration.js';
import { nextSequence, slugify } from '../emit/naming.js';
import { listExisting, writeFiles } from '../emit/write-files.js';
import { parsePostgres } from '../sources/sql/parse-postgres.js';

export { dataMigrationInput, dataMigrationOutput, type DataMigrationInput, type DataMigrationOutput } from './schemas/data-migration.js';

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
