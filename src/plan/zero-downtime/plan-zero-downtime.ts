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
import * as C from './columns.js';
import { dependentViews, rebuildViewSteps, touchesView } from './dependents.js';
import * as O from './objects.js';
import { frame, PHASES } from './phases.js';
import { acceptLintErrors } from './accept.js';
import { columnPattern } from './sql.js';
import { PHASE_IDS, type Contribution, type Deploy, type PhaseId, type Piece, type ZdtOptions, type ZdtPhase, type ZdtWarning, type ZeroDowntimePlan } from './types.js';

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
  const contributions: Contribution[] = [];
  const absorbed = new Set<string>();
  const droppedColumns: string[] = [];
  const warnings: ZdtWarning[] = [];
  const inPlaceRenames: Extract<Change, { kind: 'rename_column' }>[] = [];
  const generic: Change[] = [];
  const strategy = (change: Change): Contribution | undefined => {
    switch (change.kind) {
      case 'rename_column': {
        if (inConstraint(from, change.table, change.from.name)) {
          inPlaceRenames.push(change);
          warnings.push({ code: 'NOT_ZERO_DOWNTIME', severity: 'warning', object: `${change.table}.${change.from.name}`, message: `${change.table}.${change.from.name} is part of a key or constraint: it is renamed in place, and code using the old name fails from the expand phase on` });
          return undefined;
        }
        const result = C.renameColumn(change, to, options);
        droppedColumns.push(`${change.table}.${change.from.name}`);
        for (const name of result.indexes) absorbed.add(`${change.table}|${name}`);
        return result;
      }
      case 'alter_column': {
        if (!simpleColumnChange(change)) return undefined;
        if (C.typeChangeInPlace(change)) return C.alterInPlace(change);
        if (inConstraint(from, change.table, change.from.name) || inConstraint(to, change.table, change.to.name)) return undefined;
        const result = C.changeType(change, to, options);
        droppedColumns.push(`${change.table}.${change.from.name}`);
        for (const name of result.indexes) absorbed.add(`${change.table}|${name}`);
        return result;
      }
      case 'add_column':
        return from.tables[change.table] ? C.addColumn(change, to, options) : undefined;
      case 'add_constraint':
        return from.tables[change.table] ? O.addConstraint(change) : undefined;
      case 'rename_table':
        return O.renameTable(change);
      case 'add_enum_value':
        return O.addEnumValue(change);
      default:
        return undefined;
    }
  };
  const renamed = O.renamedConstraints(input.changes);
  contributions.push(...renamed.contributions);
  // Column strategies first: they claim the indexes they rebuild on their new columns.
  const rest: Change[] = [];
  for (const change of input.changes) {
    if (renamed.claimed.has(change)) continue;
    const claimed = change.kind === 'rename_column' || change.kind === 'alter_column' ? strategy(change) : undefined;
    if (claimed) contributions.push(claimed);
    else if (change.kind === 'rename_column' || change.kind === 'alter_column') generic.push(change);
    else rest.push(change);
  }
  const redefined = new Set<Change>();
  for (const add of rest) {
    if (add.kind !== 'add_index' || absorbed.has(`${add.table}|${add.to.name}`) || !onExistingTable(from, add.table)) continue;
    const drop = rest.find((d): d is Extract<Change, { kind: 'drop_index' }> => d.kind === 'drop_index' && d.table === add.table && d.from.name === add.to.name);
    if (!drop) continue;
    redefined.add(add).add(drop);
    contributions.push(O.redefineIndex(drop, add));
  }
  for (const change of rest) {
    if (redefined.has(change)) continue;
    // Keys and indexes of a column renamed in place follow the ordinary plan with it.
    if (inPlaceRenames.some((r) => mentionsColumn(change, r.table, [r.from.name, r.to.name]))) {
      generic.push(change);
      continue;
    }
    if ((change.kind === 'add_index' || change.kind === 'drop_index') && absorbed.has(`${change.table}|${change.kind === 'add_index' ? change.to.name : change.from.name}`)) continue;
    const existing = (change.kind === 'add_index' || change.kind === 'drop_index') && onExistingTable(from, change.table) && onExistingTable(to, change.table);
    const claimed = change.kind === 'add_index' && existing ? O.addIndex(change) : change.kind === 'drop_index' && existing ? O.dropIndex(change) : strategy(change);
    if (claimed) contributions.push(claimed);
    else generic.push(change);
  }
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

function simpleColumnChange(c: Extract<Change, { kind: 'alter_column' }>): boolean {
  const plain = (column: typeof c.from) => !column.identity && column.generated === undefined;
  return plain(c.from) && plain(c.to) && c.aspects.every((a) => a === 'type' || a === 'default' || a === 'notNull');
}

function inConstraint(schema: Schema, table: string, column: string): boolean {
  const t = schema.tables[table];
  if (!t) return false;
  const referenced = Object.values(schema.tables).some((other) => Object.values(other.constraints).some((k) => k.references?.table === table && k.references.columns.includes(column)));
  return referenced || Object.values(t.constraints).some((k) => k.columns.includes(column) || (k.kind === 'check' && k.definition.includes(column)));
}

function mentionsColumn(change: Change, table: string, columns: readonly string[]): boolean {
  const named = (text: string) => columns.some((c) => columnPattern(c).test(text));
  switch (change.kind) {
    case 'add_constraint':
      return change.table === table && (change.to.columns.some((c) => columns.includes(c)) || named(change.to.definition));
    case 'drop_constraint':
      return change.table === table && (change.from.columns.some((c) => columns.includes(c)) || named(change.from.definition));
    case 'add_index':
      return change.table === table && named(change.to.definition.slice(change.to.definition.indexOf('(')));
    case 'drop_index':
      return change.table === table && named(change.from.definition.slice(change.from.definition.indexOf('(')));
    default:
      return false;
  }
}

function onExistingTable(schema: Schema, table: string): boolean {
  const t = schema.tables[table];
  return t !== undefined && !t.partitioning?.by;
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
