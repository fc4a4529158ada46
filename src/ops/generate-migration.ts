/**
 * generate-migration: two schemas → a plan → migration files (up and down), with hazards as warnings,
 * optionally proven on a scratch database. Files are written only when asked (`out`), atomically, never
 * over existing ones, and a migration that loses data is written only with `allowDataLoss`.
 */
import type { z } from 'zod';
import { UserError } from '../core/errors.js';
import type { Schema } from '../core/model.js';
import type { Plan } from '../core/plan.js';
import { PLAN_DIALECTS } from '../dialects/plan-dialects.js';
import { describeChange } from '../diff/describe.js';
import { diffSchemas } from '../diff/diff.js';
import { losesData } from '../diff/data-loss.js';
import type { EmittedFile } from '../emit/emitter.js';
import { destructiveSteps, planHazards } from '../emit/emitter.js';
import { renderDown, renderUp } from '../emit/formats/sql.js';
import { EMITTERS } from '../emit/registry.js';
import { nextSequence, slugify, timestampPrefix } from '../emit/naming.js';
import { listExisting, readExisting, writeFiles } from '../emit/write-files.js';
import { planMigration } from '../plan/plan.js';
import { isDatabaseUrl } from '../sources/resolve.js';
import { parseRenameHints, type Warning } from './common.js';
import { dataWarnings } from './data-warnings.js';
import { buildCheckedDataMigration } from './data-migration.js';
import { generateMigrationInput, type GenerateMigrationInput, type GenerateMigrationOutput } from './schemas/generate-migration.js';
import { loadPair } from './detect-changes.js';
import type { OpContext } from './common.js';
import { validationOutput } from './schemas/validation.js';

export { generateMigrationInput, generateMigrationOutput, type GenerateMigrationInput, type GenerateMigrationOutput } from './schemas/generate-migration.js';

export interface GenerateContext extends OpContext {
  /** The clock, read only for `timestamp: "now"`. */
  readonly now?: () => Date;
}

export async function generateMigration(raw: GenerateMigrationInput, context: GenerateContext = {}): Promise<GenerateMigrationOutput> {
  const input = generateMigrationInput.parse(raw);
  const { from, to } = await loadPair({ ...input, diagram: false }, context);
  const { changes, possibleRenames } = diffSchemas(from, to, { renames: parseRenameHints(input.renames) });
  const plan = planMigration({ changes, from, to, dialect: PLAN_DIALECTS[input.dialect], options: { concurrently: input.concurrently } });
  const name = slugify(input.name ?? (plan.steps[0] ? plan.steps[0].description : 'no_changes'));
  const allowDataLoss = input.allowDataLoss;
  const up = renderUp(plan, { name, allowDataLoss });
  const down = renderDown(plan, { name });
  const prefix = await filePrefix(input.timestamp, input.out, context);
  const existing = input.out ? await readExisting(input.out) : [];
  const emitter = EMITTERS[input.format];
  const timestamp = emitTimestamp(input.timestamp, context, emitter.usesTimestamp === true);
  const files: EmittedFile[] = emitter.emit(plan, { name, prefix, timestamp, existing, allowDataLoss });

  const warnings: Warning[] = [
    ...hazardWarnings(plan),
    ...possibleRenames.map((r) => ({ code: 'POSSIBLE_RENAME', severity: 'warning' as const, message: `${r.from} → ${r.to} looks like a rename; pass --rename ${r.hint} to keep the data`, object: r.from })),
    ...[...from.unsupported, ...to.unsupported].map((u) => ({ code: 'UNSUPPORTED_OBJECT', severity: 'warning' as const, message: u.detail, object: u.name })),
  ];
  if (isDatabaseUrl(input.from) && input.dialect === 'postgres') warnings.push(...(await dataWarnings(input.from, changes, from, to)));
  const destructive = destructiveSteps(plan).length > 0;
  let written: string[] = [];
  if (input.out) {
    if (destructive && !allowDataLoss) {
      warnings.push({ code: 'NOT_WRITTEN', severity: 'error', message: `the migration loses data (${destructiveSteps(plan).map((s) => s.description).join('; ')}): no file written; pass --allow-data-loss once that is intended` });
    } else {
      written = await writeFiles(input.out, files);
    }
  }
  const data = input.dataMigration ? await buildCheckedDataMigration(input.dataMigration) : undefined;
  const validation = input.validate
    ? await validate(input, { from, to, up: renderUp(plan, { name, allowDataLoss: true }), down }, context)
    : undefined;
  return {
    up,
    down,
    changes: changes.map((c) => ({ kind: c.kind, ...describeChange(c), dataLoss: losesData(c) })),
    warnings,
    files,
    written,
    plan: planSummary(plan, destructive),
    ...(validation ? { validation: validationOutput.parse(validation) } : {}),
    ...(data ? { dataMigration: data } : {}),
  };
}

function emitTimestamp(given: string | undefined, context: GenerateContext, required: boolean): string {
  if (given !== undefined && given !== 'now') return timestampPrefix(given);
  if (context.now) return timestampPrefix(context.now());
  if (required) throw new UserError('BAD_INPUT', 'this format names its files by time: no timestamp given and no clock to read one from', { hint: 'pass --timestamp 20250101120000' });
  return '';
}

export async function filePrefix(timestamp: string | undefined, out: string | undefined, context: GenerateContext): Promise<string> {
  if (timestamp === 'now') {
    if (!context.now) throw new UserError('BAD_INPUT', 'timestamp "now" needs a clock, and none was given');
    return timestampPrefix(context.now());
  }
  if (timestamp !== undefined) return timestampPrefix(timestamp);
  return nextSequence(out ? await listExisting(out) : []);
}

function hazardWarnings(plan: Plan): Warning[] {
  return planHazards(plan).map((h) => ({ code: h.code, severity: h.severity, message: h.help ? `${h.message} (${h.help})` : h.message }));
}

function planSummary(plan: Plan, destructive: boolean): GenerateMigrationOutput['plan'] {
  return {
    steps: plan.steps.length,
    reversible: plan.reversible,
    transactional: plan.transactional,
    destructive,
    details: plan.steps.map((s) => ({ description: s.description, transactional: s.transactional, hazards: s.hazards.map((h) => h.code), sql: [...s.sql] })),
  };
}

/** Validation's engines load only when asked for: most calls never validate. */
async function validate(input: z.output<typeof generateMigrationInput>, sides: { from: Schema; to: Schema; up: string; down: string }, context: GenerateContext) {
  const [{ validateForDialect }, { fromSqlText, validationProgress }] = await Promise.all([import('../validate/validate-dialect.js'), import('./validation-shared.js')]);
  const fromSql = await fromSqlText(input.from, sides.from, input.scratchUrl, context);
  return validateForDialect(input.dialect, { fromSql, ...sides, serverUrl: input.scratchUrl, sampleRows: input.sampleRows, ...validationProgress(context) });
}
