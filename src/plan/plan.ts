/**
 * Change[] → Plan. The diff's changes are split and completed (dependents rebuilt), ordered, and each
 * is rendered by the dialect into a step that carries its own reverse, written at the same moment.
 */
import type { Change, ChangeKind } from '../core/change.js';
import type { Schema } from '../core/model.js';
import { makePlan, type Plan, type Step } from '../core/plan.js';
import { describeChange } from '../diff/describe.js';
import type { ChangeRenderer, PlanDialect, PlanOptions, RenderContext } from './dialect.js';
import { orderChanges } from './order.js';
import { rebuildDependents } from './rebuild.js';
import { splitChanges } from './split.js';

export interface PlanInput {
  readonly changes: readonly Change[];
  readonly from: Schema;
  readonly to: Schema;
  readonly dialect: PlanDialect;
  readonly options?: PlanOptions;
}

export function planMigration(input: PlanInput): Plan {
  const { from, to, dialect } = input;
  const completed = rebuildDependents(splitChanges(input.changes), from, to, dialect);
  const ordered = orderChanges(completed, from, to);
  const ctx: RenderContext = { from, to, options: input.options ?? {} };
  const rendered = ordered.map((change) => renderStep(change, ctx, dialect)).filter((step) => step.sql.length > 0);
  const steps = dialect.finish ? dialect.finish(rendered, ctx) : rendered;
  const notes = dialect.notes?.(steps) ?? [];
  const plan = makePlan(dialect.id, steps, dialect.capabilities.transactionalDdl);
  return notes.length > 0 ? { ...plan, notes } : plan;
}

function renderStep(change: Change, ctx: RenderContext, dialect: PlanDialect): Step {
  const render = dialect.render[change.kind] as ChangeRenderer<ChangeKind>;
  const draft = render(change as never, ctx);
  return {
    sql: draft.sql,
    reverse: draft.reverse,
    hazards: draft.hazards ?? [],
    phase: draft.phase ?? 'migrate',
    transactional: draft.transactional ?? true,
    description: draft.description ?? describeChange(change).summary,
    change,
  };
}
