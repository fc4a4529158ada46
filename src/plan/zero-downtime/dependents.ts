/**
 * Views that read a column the contract phase drops (the old name of a renamed column, the old type
 * of a swapped one) block that DROP COLUMN. They keep reading the old column until contract, where
 * they are dropped first and created again from the desired schema after the swap, in the same
 * transaction, so no reader sees them missing.
 */
import type { Change } from '../../core/change.js';
import type { Schema } from '../../core/model.js';
import type { Step } from '../../core/plan.js';
import type { PlanDialect } from '../dialect.js';
import { planMigration } from '../plan.js';
import { reapplyView } from '../rebuild.js';

/** Keys of `from` views that depend, directly or through other views, on the columns (`table.column`), bases first. */
export function dependentViews(from: Schema, columns: readonly string[]): string[] {
  const affected = new Set(columns.map((c) => `column:${c}`));
  const found: string[] = [];
  for (;;) {
    const next = Object.keys(from.views)
      .sort()
      .filter((key) => !found.includes(key) && (from.dependencies[`view:${key}`] ?? []).some((d) => affected.has(d)));
    if (next.length === 0) return found;
    for (const key of next) {
      found.push(key);
      affected.add(`view:${key}`);
    }
  }
}

/** The changes the diff made to those views (or to what hangs on them): the rebuild replaces them. */
export function touchesView(change: Change, views: ReadonlySet<string>): boolean {
  switch (change.kind) {
    case 'drop_view':
      return views.has(`${change.from.schema}.${change.from.name}`);
    case 'create_view':
    case 'replace_view':
      return views.has(`${change.to.schema}.${change.to.name}`);
    case 'set_comment':
    case 'grant':
    case 'revoke':
      return views.has(change.target.key);
    case 'add_index':
    case 'drop_index':
    case 'create_trigger':
    case 'drop_trigger':
      return views.has(change.table);
    default:
      return false;
  }
}

/** Drop steps (dependents first) and create steps (bases first, with grants, comments, indexes, triggers). */
export function rebuildViewSteps(keys: readonly string[], from: Schema, to: Schema, dialect: PlanDialect): { drops: Step[]; creates: Step[] } {
  if (keys.length === 0) return { drops: [], creates: [] };
  const changes: Change[] = [
    ...[...keys].reverse().map((key): Change => ({ kind: 'drop_view', from: from.views[key]! })),
    ...keys.flatMap((key): Change[] => {
      const view = to.views[key];
      return view ? [{ kind: 'create_view', to: view }, ...reapplyView(view)] : [];
    }),
  ];
  const steps = planMigration({ changes, from, to, dialect }).steps;
  return { drops: steps.filter((s) => s.change?.kind === 'drop_view'), creates: steps.filter((s) => s.change?.kind !== 'drop_view') };
}
