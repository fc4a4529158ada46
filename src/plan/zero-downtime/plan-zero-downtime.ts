/**
 * Change[] → a zero-downtime rollout: each change goes to the strategy that splits it across
 * expand / backfill / validate / contract phases; changes no strategy needs (new tables, views,
 * routines, grants, drops...) are planned by the ordinary planner and sorted into a phase by kind.
 * Whatever still blocks (a step lint-migration reports as an error) is accepted in the SQL with a
 * reason and reported as a NOT_ZERO_DOWNTIME warning, never hidden.
 */
import type { Change, ChangeKind } from '../../core/change.js';
import type { Schema } from '../../core/model.js';
import type { Step } from '../../core/plan.js';
import { planMigration } from '../plan.js';
import type { PlanDialect } from '../dialect.js';
import { dependentViews, rebuildViewSteps, touchesView } from './dependents.js';
import { routeChanges } from './route.js';
import { frame, PHASES } from './phases.js';
import { acceptLintErrors } from './accept.js';
import { PHASE_IDS, type Deploy, type PhaseId, type Piece, type ZdtOptions, type ZdtPhase, type ZdtWarning, type ZeroDowntimePlan } from './types.js';

export interface ZeroDowntimeInput {
  readonly changes: readonly Change[];
  readonly from: Schema;
  readonly to: Schema;
  readonly dialect: PlanDialect;
  readonly options: ZdtOptions;
}

/** Kinds the ordinary planner handles that must exist before the strategies' SQL runs. */
const EARLY: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  'create_schema', 'create_extension', 'alter_extension', 'create_collation', 'create_enum', 'create_domain', 'alter_domain',
  'create_composite_type', 'alter_composite_type', 'create_sequence', 'alter_sequence', 'create_table', 'alter_table', 'add_column', 'alter_column',
]);
const CONTRACT: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  'drop_schema', 'drop_extension', 'drop_collation', 'drop_enum', 'drop_domain', 'drop_composite_type', 'drop_sequence', 'drop_table',
  'drop_column', 'drop_constraint', 'drop_index', 'drop_view', 'drop_routine', 'drop_trigger', 'drop_policy', 'revoke', 'recreate_enum', 'rename_enum_value',
]);

interface Placed extends Piece {
  readonly order: number;
}

export function planZeroDowntime(input: ZeroDowntimeInput): ZeroDowntimePlan {
  const { from, to, options } = input;
  const { contributions, generic, droppedColumns, warnings } = routeChanges(input.changes, from, to, options);
  const views = dependentViews(from, droppedColumns);
  const viewSet = new Set(views);
  const plan = planMigration({ changes: generic.filter((c) => !touchesView(c, viewSet)), from, to, dialect: input.dialect, options: { concurrently: true } });
  const readded = new Set(plan.steps.flatMap((step) => (step.change?.kind === 'add_constraint' ? [`${step.change.table}|${step.change.to.name}`] : step.change?.kind === 'add_index' ? [`${step.change.table}|${step.change.to.name}`] : [])));
  const placed: Placed[] = [];
  const deploys: Deploy[] = [];
  for (const c of contributions) {
    for (const piece of c.pieces) placed.push({ ...piece, order: piece.first ? 0 : 2 });
    deploys.push(...(c.deploys ?? []));
    warnings.push(...(c.warnings ?? []));
  }
  for (const step of plan.steps) {
    // A constraint or index dropped to be added again under its name goes with the add, not to contract.
    const change = step.change;
    const replaced = (change?.kind === 'drop_constraint' || change?.kind === 'drop_index') && readded.has(`${change.table}|${change.from.name}`);
    const placedStep = placeGeneric(step, options, warnings, deploys, replaced ? (step.transactional ? 'expand' : 'expand-indexes') : undefined);
    placed.push(placedStep);
  }
  const rebuilt = rebuildViewSteps(views, from, to, input.dialect);
  for (const step of rebuilt.drops) placed.push({ ...placeGeneric(step, options, warnings, deploys, 'contract'), order: 0 });
  for (const step of rebuilt.creates) placed.push({ ...placeGeneric(step, options, warnings, deploys, 'contract'), order: 4 });
  return assemble(placed, deploys, warnings, options);
}

function genericPhase(step: Step): PhaseId {
  const kind = step.change?.kind;
  if (kind === 'validate_constraint') return 'validate';
  if (kind !== undefined && CONTRACT.has(kind)) return step.transactional ? 'contract' : 'contract-indexes';
  return step.transactional ? 'expand' : 'expand-indexes';
}

/** An ordinary planner step in its phase; lint errors it raises there are accepted with a reason. */
function placeGeneric(step: Step, options: ZdtOptions, warnings: ZdtWarning[], deploys: Deploy[], forced?: PhaseId): Placed {
  const phase = forced ?? genericPhase(step);
  const kind = step.change?.kind;
  const early = kind !== undefined && EARLY.has(kind);
  const contract = PHASES[phase].kind === 'contract';
  const preamble = PHASES[phase].transactional ? ['BEGIN', `SET LOCAL lock_timeout = '${options.lockTimeout}'`] : [`SET lock_timeout = '${options.lockTimeout}'`];
  const dropped = contract && kind !== undefined && kind.startsWith('drop_');
  const result = acceptLintErrors([...preamble, ...step.sql], (finding) =>
    dropped ? 'code stopped using it in the deploy before this phase' : `not zero-downtime: ${finding.message}`,
  );
  if (!dropped) {
    for (const finding of result.findings) warnings.push({ code: 'NOT_ZERO_DOWNTIME', severity: 'warning', object: step.description, message: `${step.description}: ${finding.message} (lint rule ${finding.rule})` });
  }
  // A view dropped to be rebuilt in the same transaction needs no deploy.
  if (contract && forced === undefined && kind?.startsWith('drop_') && kind !== 'drop_index') deploys.push({ before: phase, text: `deploy code that no longer uses what this phase drops (${step.description})` });
  const up = result.statements.slice(preamble.length);
  const down = step.reverse.kind === 'sql' ? [...step.reverse.sql, ...(step.reverse.lossy ? [`-- ${step.reverse.lossy}`] : [])] : [`-- cannot be undone: ${step.reverse.reason}`];
  return { phase, description: step.description, up, down, accepted: result.accepted, order: early ? 1 : 3 };
}

function assemble(placed: readonly Placed[], deploys: readonly Deploy[], warnings: readonly ZdtWarning[], options: ZdtOptions): ZeroDowntimePlan {
  const phases: ZdtPhase[] = [];
  const pending: string[] = [];
  const deploysBefore = (id: PhaseId) => unique(deploys.filter((d) => d.before === id).map((d) => d.text));
  for (const id of PHASE_IDS) {
    pending.push(...deploysBefore(id));
    // Two strategies may ask for the same piece (a renamed column that also becomes NOT NULL): keep one.
    const pieces = uniqueBy(placed, (p) => `${p.phase}|${p.up.join(';')}`).filter((p) => p.phase === id).map((p, i) => ({ p, i })).sort((x, y) => x.p.order - y.p.order || x.i - y.i).map((x) => x.p);
    if (pieces.length === 0) continue;
    const meta = PHASES[id];
    const down = acceptLintErrors(
      [...pieces].reverse().flatMap((p) => p.down),
      () => (meta.kind === 'contract' ? 'undoes this phase: restores what its up dropped' : 'undoes this phase: drops only what its up created'),
    ).statements;
    phases.push({
      id,
      kind: meta.kind,
      title: meta.title,
      transactional: meta.transactional,
      before: unique(pending.splice(0)),
      up: frame(meta, pieces.flatMap((p) => p.up), options.lockTimeout),
      down: down.some((s) => !s.startsWith('--')) ? frame(meta, down, options.lockTimeout) : down,
      accepted: uniqueBy(pieces.flatMap((p) => p.accepted ?? []), (a) => `${a.rule}|${a.reason}`),
      retry: meta.retry,
      descriptions: pieces.map((p) => p.description),
    });
  }
  return { phases, after: unique(pending), warnings: uniqueBy(warnings, (w) => `${w.code}|${w.object}|${w.message}`) };
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

function uniqueBy<T>(list: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}
