/** Tables and everything that lives on them: columns, constraints, indexes, triggers, policies. */
import type { Change, ColumnAspect, ObjectRef, TableAspect } from '../core/change.js';
import type { Column, Index, Table, Trigger } from '../core/model.js';
import { diffComment, diffGrants } from './grants.js';
import { pairRecords, same } from './walk.js';

/** Column renames confirmed by hints: table key → (old name → new name). */
export type ColumnRenames = ReadonlyMap<string, ReadonlyMap<string, string>>;

export function diffTable(key: string, from: Table, to: Table, columnRenames: ReadonlyMap<string, string> = new Map()): Change[] {
  if (from.partitioning?.by !== to.partitioning?.by || Boolean(from.partitioning?.of) !== Boolean(to.partitioning?.of)) {
    // PostgreSQL cannot change how a table is partitioned in place.
    return [
      { kind: 'drop_table', from },
      { kind: 'create_table', to },
    ];
  }
  return [
    ...diffTableAspects(key, from, to),
    ...diffColumns(key, from, to, columnRenames),
    ...diffConstraints(key, from, to),
    ...diffIndexes(key, 'table', from.indexes, to.indexes),
    ...diffTriggers(key, from.triggers, to.triggers),
    ...diffPolicies(key, from, to),
    ...diffComment({ type: 'table', key }, from.comment, to.comment),
    ...diffGrants({ type: 'table', key }, from.grants, to.grants),
  ];
}

function diffTableAspects(key: string, from: Table, to: Table): Change[] {
  const aspects: TableAspect[] = [];
  if (Boolean(from.rowSecurity) !== Boolean(to.rowSecurity)) aspects.push('rowSecurity');
  if (Boolean(from.forceRowSecurity) !== Boolean(to.forceRowSecurity)) aspects.push('forceRowSecurity');
  if (Boolean(from.unlogged) !== Boolean(to.unlogged)) aspects.push('unlogged');
  if (!same(from.options ?? [], to.options ?? [])) aspects.push('options');
  if (from.partitioning?.of !== to.partitioning?.of || from.partitioning?.bound !== to.partitioning?.bound) aspects.push('partitionBound');
  if (!same(from.inherits ?? [], to.inherits ?? [])) aspects.push('inherits');
  if (!same(from.extra ?? {}, to.extra ?? {})) aspects.push('extra');
  return aspects.length > 0 ? [{ kind: 'alter_table', table: key, from, to, aspects }] : [];
}

function diffColumns(key: string, from: Table, to: Table, renames: ReadonlyMap<string, string>): Change[] {
  const changes: Change[] = [];
  const toByName = new Map(to.columns.map((c) => [c.name, c]));
  const renamedTargets = new Set<string>();
  const kept = new Map<string, Column>();
  for (const column of from.columns) {
    const newName = renames.get(column.name);
    const target = toByName.get(newName ?? column.name);
    if (newName && target) {
      changes.push({ kind: 'rename_column', table: key, from: column, to: { ...column, name: newName } });
      renamedTargets.add(newName);
      kept.set(newName, { ...column, name: newName });
    } else if (target) {
      kept.set(column.name, column);
    } else {
      changes.push({ kind: 'drop_column', table: key, from: column });
    }
  }
  to.columns.forEach((column, position) => {
    const before = kept.get(column.name);
    if (!before) {
      changes.push({ kind: 'add_column', table: key, to: column, position });
      return;
    }
    changes.push(...diffColumn(key, before, column));
  });
  return changes;
}

export function diffColumn(table: string, from: Column, to: Column): Change[] {
  const aspects: ColumnAspect[] = [];
  if (from.type !== to.type) aspects.push('type');
  if (from.notNull !== to.notNull) aspects.push('notNull');
  if (from.default !== to.default) aspects.push('default');
  if (!same(from.identity, to.identity)) aspects.push('identity');
  if (from.generated !== to.generated || from.extra?.generated !== to.extra?.generated) aspects.push('generated');
  if (from.collation !== to.collation) aspects.push('collation');
  const target: ObjectRef = { type: 'column', key: table, member: to.name };
  return [
    ...(aspects.length > 0 || !same(from.extra ?? {}, to.extra ?? {})
      ? [{ kind: 'alter_column' as const, table, from, to, aspects }]
      : []),
    ...diffComment(target, from.comment, to.comment),
    ...diffGrants(target, from.grants, to.grants),
  ];
}

function diffConstraints(key: string, from: Table, to: Table): Change[] {
  const changes: Change[] = [];
  const { added, removed, both } = pairRecords(from.constraints, to.constraints);
  for (const [, c] of removed) changes.push({ kind: 'drop_constraint', table: key, from: c });
  for (const [name, a, b] of both) {
    if (a.definition === b.definition && a.deferrable === b.deferrable && a.initiallyDeferred === b.initiallyDeferred) {
      if (!a.validated && b.validated) changes.push({ kind: 'validate_constraint', table: key, from: a, to: b });
      else if (a.validated && !b.validated) changes.push({ kind: 'drop_constraint', table: key, from: a }, { kind: 'add_constraint', table: key, to: b });
    } else {
      changes.push({ kind: 'drop_constraint', table: key, from: a }, { kind: 'add_constraint', table: key, to: b });
    }
    changes.push(...diffComment({ type: 'constraint', key, member: name }, a.comment, b.comment));
  }
  for (const [name, c] of added) {
    changes.push({ kind: 'add_constraint', table: key, to: c });
    changes.push(...diffComment({ type: 'constraint', key, member: name }, undefined, c.comment));
  }
  return changes;
}

export function diffIndexes(
  key: string,
  owner: 'table' | 'view',
  from: Readonly<Record<string, Index>>,
  to: Readonly<Record<string, Index>>,
): Change[] {
  void owner;
  const changes: Change[] = [];
  const { added, removed, both } = pairRecords(from, to);
  for (const [, index] of removed) changes.push({ kind: 'drop_index', table: key, from: index });
  for (const [name, a, b] of both) {
    if (a.definition !== b.definition) changes.push({ kind: 'drop_index', table: key, from: a }, { kind: 'add_index', table: key, to: b });
    changes.push(...diffComment({ type: 'index', key, member: name }, a.definition === b.definition ? a.comment : undefined, b.comment));
  }
  for (const [name, index] of added) {
    changes.push({ kind: 'add_index', table: key, to: index });
    changes.push(...diffComment({ type: 'index', key, member: name }, undefined, index.comment));
  }
  return changes;
}

export function diffTriggers(key: string, from: Readonly<Record<string, Trigger>> = {}, to: Readonly<Record<string, Trigger>> = {}): Change[] {
  const changes: Change[] = [];
  const { added, removed, both } = pairRecords(from, to);
  for (const [, t] of removed) changes.push({ kind: 'drop_trigger', table: key, from: t });
  for (const [name, a, b] of both) {
    const recreate = a.definition !== b.definition || a.enabled !== b.enabled;
    if (recreate) changes.push({ kind: 'drop_trigger', table: key, from: a }, { kind: 'create_trigger', table: key, to: b });
    changes.push(...diffComment({ type: 'trigger', key, member: name }, recreate ? undefined : a.comment, b.comment));
  }
  for (const [name, t] of added) {
    changes.push({ kind: 'create_trigger', table: key, to: t });
    changes.push(...diffComment({ type: 'trigger', key, member: name }, undefined, t.comment));
  }
  return changes;
}

function diffPolicies(key: string, from: Table, to: Table): Change[] {
  const changes: Change[] = [];
  const { added, removed, both } = pairRecords(from.policies, to.policies);
  for (const [, p] of removed) changes.push({ kind: 'drop_policy', table: key, from: p });
  for (const [, a, b] of both) {
    if (a.command !== b.command || a.permissive !== b.permissive) {
      changes.push({ kind: 'drop_policy', table: key, from: a }, { kind: 'create_policy', table: key, to: b });
    } else if (!same(a, b)) {
      changes.push({ kind: 'alter_policy', table: key, from: a, to: b });
    }
  }
  for (const [, p] of added) changes.push({ kind: 'create_policy', table: key, to: p });
  return changes;
}
