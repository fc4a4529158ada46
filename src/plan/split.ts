/**
 * Rewrites of the diff's changes into the shapes the planner orders: foreign keys of new and dropped
 * tables become their own steps (so tables exist before any key points at them), a sequence's OWNED BY
 * comes after its table, and drops on a renamed table use the name it has when they run.
 */
import type { Change, ObjectRef } from '../core/change.js';
import type { Constraint, Sequence, Table } from '../core/model.js';
import { qualify, sortedValues } from '../core/model.js';

export function splitChanges(changes: readonly Change[]): Change[] {
  const renamed = renamedTables(changes);
  return changes.flatMap((change) => splitOne(change, renamed));
}

/** New table key → old table key. */
function renamedTables(changes: readonly Change[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of changes) if (c.kind === 'rename_table') map.set(qualify(c.to.schema, c.to.name), qualify(c.from.schema, c.from.name));
  return map;
}

/** Drops run before renames (their reverses then run after the renames are undone). */
const DROPS_BEFORE_RENAME = new Set(['drop_trigger', 'drop_policy', 'drop_constraint', 'drop_index', 'drop_column']);

function splitOne(change: Change, renamed: ReadonlyMap<string, string>): Change[] {
  if ('table' in change && DROPS_BEFORE_RENAME.has(change.kind)) {
    const old = renamed.get(change.table);
    if (old) return [{ ...change, table: old } as Change];
  }
  switch (change.kind) {
    case 'create_table':
      return splitCreateTable(change.to);
    case 'drop_table':
      return splitDropTable(change.from);
    case 'create_sequence':
      return splitCreateSequence(change.to);
    default:
      return [change];
  }
}

function splitCreateTable(table: Table): Change[] {
  const key = qualify(table.schema, table.name);
  const later = sortedValues(table.constraints).filter((c) => c.kind === 'foreign_key' || !c.validated);
  const inline = withoutConstraints(table, later);
  const comments: Change[] = sortedValues(table.constraints)
    .filter((c) => c.comment !== undefined)
    .map((c) => ({ kind: 'set_comment', target: { type: 'constraint', key, member: c.name } satisfies ObjectRef, to: c.comment }));
  return [{ kind: 'create_table', to: inline }, ...later.map((c): Change => ({ kind: 'add_constraint', table: key, to: c })), ...comments];
}

function splitDropTable(table: Table): Change[] {
  const key = qualify(table.schema, table.name);
  const fks = sortedValues(table.constraints).filter((c) => c.kind === 'foreign_key');
  return [...fks.map((c): Change => ({ kind: 'drop_constraint', table: key, from: c })), { kind: 'drop_table', from: withoutConstraints(table, fks) }];
}

function withoutConstraints(table: Table, removed: readonly Constraint[]): Table {
  const names = new Set(removed.map((c) => c.name));
  return { ...table, constraints: Object.fromEntries(Object.entries(table.constraints).filter(([name]) => !names.has(name))) };
}

function splitCreateSequence(sequence: Sequence): Change[] {
  if (!sequence.ownedBy) return [{ kind: 'create_sequence', to: sequence }];
  const { ownedBy: _owner, ...bare } = sequence;
  return [
    { kind: 'create_sequence', to: bare },
    { kind: 'alter_sequence', from: bare, to: sequence },
  ];
}
