/**
 * The exact down of an up migration: apply the up on a scratch database that holds the schema before
 * it, read the catalog, and plan the way back (after → before) with the same planner that writes
 * every migration. The down is then proven on the same scratch: applied, read again, diffed.
 */
import type { Change, RenameHint } from '../core/change.js';
import { UserError } from '../core/errors.js';
import type { Schema } from '../core/model.js';
import { makePlan, type Plan, type Step } from '../core/plan.js';
import type { SqlClient } from '../dialects/postgres/client.js';
import { introspectPostgres } from '../dialects/postgres/introspect.js';
import { postgresPlanDialect } from '../dialects/postgres/render/index.js';
import { losesData } from '../diff/data-loss.js';
import { describeChange } from '../diff/describe.js';
import { diffSchemas } from '../diff/diff.js';
import { renderUp } from '../emit/formats/sql.js';
import { planMigration } from '../plan/plan.js';
import { applyScript } from '../validate/validate-migration.js';
import { renameHintsOf } from './rename-hints.js';
import { BACKUP_PREFIX, keepDataPlan, type KeepData } from './keep-data.js';

export interface ExactStep {
  /** The up as given. */
  readonly up: string;
  readonly name: string;
  readonly keepData?: boolean;
}

export interface ExactRollback {
  readonly before: Schema;
  readonly after: Schema;
  /** What the up changed (before → after). */
  readonly upChanges: readonly Change[];
  readonly plan: Plan;
  readonly down: string;
  /** With keepData: the up that first copies what it drops into backup tables. */
  readonly keepUp?: string;
  readonly keep?: KeepData;
}

/** Runs on a scratch that already holds the schema before `up`; leaves it in the state after `up`. */
export async function exactRollback(client: SqlClient, step: ExactStep): Promise<ExactRollback> {
  const before = await introspectPostgres(client);
  const keep = step.keepData ? keepDataPlan(before, await probeAfter(client, step)) : undefined;
  if (keep && keep.backup.length > 0) await applyOrThrow(client, keep.backup.map((s) => `${s};`).join('\n'), `the backups before ${step.name}`);
  await applyOrThrow(client, step.up, step.name);
  const after = withoutBackups(await introspectPostgres(client));
  const upChanges = diffSchemas(before, after).changes;
  const hints = await renameHintsOf(step.up);
  const plan = keep && keep.backup.length > 0 ? keepDataDownPlan(after, before, keep, hints) : planBack(after, before, hints);
  const down = renderUp(plan, { name: step.name, allowDataLoss: true }).replace(/^-- Migration (.*?) \(up\):/, '-- Rollback of $1:');
  const keepUp = keep && keep.backup.length > 0 ? renderKeepUp(keep, step.up) : undefined;
  return { before, after, upChanges, plan, down, ...(keepUp ? { keepUp, keep } : keep ? { keep } : {}) };
}

/** The state after `up`, learned inside a transaction that is rolled back (to know what it drops). */
async function probeAfter(client: SqlClient, step: ExactStep): Promise<Schema> {
  await client.exec('BEGIN');
  try {
    const stripped = step.up.replace(/^\s*(BEGIN|COMMIT|START TRANSACTION)\s*;/gim, '').replace(/\bCONCURRENTLY\b/gi, '');
    const applied = await applyScript(client, stripped);
    if (!applied.ok) throw new UserError('SQL_ERROR', `${step.name} does not apply to the schema before it: ${applied.error}`);
    return await introspectPostgres(client);
  } finally {
    await client.exec('ROLLBACK').catch(() => undefined);
  }
}

/** Backup tables of the data-keeping variant are not part of the schema the down restores. */
export function withoutBackups(schema: Schema): Schema {
  const tables = Object.fromEntries(Object.entries(schema.tables).filter(([, t]) => !t.name.startsWith(BACKUP_PREFIX)));
  return { ...schema, tables };
}

export function planBack(after: Schema, before: Schema, hints: readonly RenameHint[] = []): Plan {
  return planMigration({ changes: diffWithHints(after, before, hints), from: after, to: before, dialect: postgresPlanDialect });
}

/** Hints the schemas cannot resolve (a rename undone later in the same up) are left out, one by one. */
function diffWithHints(after: Schema, before: Schema, hints: readonly RenameHint[]): readonly Change[] {
  const usable = hints.filter((hint) => {
    try {
      diffSchemas(after, before, { renames: [hint] });
      return true;
    } catch {
      return false;
    }
  });
  return diffSchemas(after, before, { renames: usable }).changes;
}

function keepDataDownPlan(after: Schema, before: Schema, keep: KeepData, hints: readonly RenameHint[]): Plan {
  const first = planBack(after, keep.middle, hints);
  const second = planBack(keep.middle, before);
  const steps: Step[] = [
    ...first.steps,
    dataStep('restore the data the up dropped, from its backup tables', keep.restore),
    ...second.steps,
    dataStep('drop the backup tables', keep.dropBackups),
  ];
  return makePlan('postgres', steps, true);
}

function dataStep(description: string, sql: readonly string[]): Step {
  return { sql, reverse: { kind: 'irreversible', reason: 'data step' }, hazards: [], phase: 'backfill', transactional: true, description };
}

function renderKeepUp(keep: KeepData, up: string): string {
  return [
    '-- Keeps the data this migration drops: the backups below run first; the rollback restores from them.',
    'BEGIN;',
    ...keep.backup.map((s) => `${s};`),
    'COMMIT;',
    '',
    '-- The migration as written:',
    up.trimEnd(),
    '',
  ].join('\n');
}

export async function applyOrThrow(client: SqlClient, sql: string, what: string): Promise<void> {
  const applied = await applyScript(client, sql);
  if (!applied.ok) throw new UserError('SQL_ERROR', `${what} does not apply: ${applied.error}`, { hint: 'check that --from is the schema this migration was written against' });
}

/** Applies the down and says what, if anything, it fails to restore. */
export async function verifyDown(client: SqlClient, down: string, expected: Schema): Promise<{ ok: boolean; differences: string[] }> {
  const applied = await applyScript(client, down);
  if (!applied.ok) return { ok: false, differences: [`the down does not apply: ${applied.error}`] };
  const { changes } = diffSchemas(await introspectPostgres(client), expected);
  return { ok: changes.length === 0, differences: changes.map((c) => describeChange(c).summary) };
}

export function dataLossOf(changes: readonly Change[]): { object: string; summary: string }[] {
  return changes.filter(losesData).map((c) => describeChange(c));
}
