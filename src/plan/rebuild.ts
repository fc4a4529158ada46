/**
 * Objects that must be dropped before a change and created again after it: views and routines that
 * depend on an altered or dropped column, table, type, view or routine; triggers and policies that name
 * a column whose type changes; foreign keys that lean on a unique key being replaced. PostgreSQL refuses
 * the change while they exist, and the diff does not mention them because they did not change.
 */
import type { Change, ObjectRef } from '../core/change.js';
import type { Grant, Routine, Schema, View } from '../core/model.js';
import { qualify } from '../core/model.js';
import { diffComment, diffGrants } from '../diff/grants.js';
import { diffIndexes, diffTriggers } from '../diff/tables.js';
import type { PlanDialect } from './dialect.js';

const DEFAULT_EXECUTE: readonly Grant[] = [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }];

export function rebuildDependents(input: readonly Change[], from: Schema, to: Schema, dialect: PlanDialect): Change[] {
  let changes = convertReplacements(input, from, dialect);
  const affected = affectedKeys(changes, from);
  const views = new Set<string>();
  const routines = new Set<string>();
  for (;;) {
    const before = views.size + routines.size;
    for (const key of Object.keys(from.views)) if (!views.has(key) && dependsOn(from, `view:${key}`, affected)) (views.add(key), affected.add(`view:${key}`));
    for (const key of Object.keys(from.routines)) if (!routines.has(key) && dependsOn(from, `routine:${key}`, affected)) (routines.add(key), affected.add(`routine:${key}`));
    if (views.size + routines.size === before) break;
  }
  changes = rebuildViews(changes, views, from, to);
  changes = rebuildRoutines(changes, routines, from, to);
  changes = rebuildTriggers(changes, affected, from, to);
  changes = rebuildPolicies(changes, affected, from, to);
  return rebuildForeignKeys(changes, from, to);
}

function dependsOn(schema: Schema, key: string, affected: ReadonlySet<string>): boolean {
  return (schema.dependencies[key] ?? []).some((d) => affected.has(d));
}

/**
 * replace_view / replace_routine that CREATE OR REPLACE cannot do become a drop and a create. A view
 * created again has lost what hung on it, so the diff's changes to those members give way to a full
 * reapplication from the desired view.
 */
function convertReplacements(changes: readonly Change[], from: Schema, dialect: PlanDialect): Change[] {
  const typeChanged = new Set(changes.flatMap((c) => (c.kind === 'alter_column' && c.aspects.includes('type') ? [`column:${c.table}.${c.to.name}`] : [])));
  const recreated = new Set<string>();
  const converted = changes.flatMap((c): Change[] => {
    if (c.kind === 'replace_view') {
      const key = qualify(c.to.schema, c.to.name);
      const touched = (from.dependencies[`view:${key}`] ?? []).some((d) => typeChanged.has(d));
      // The reverse of appending columns is a drop and create, which dependents would block.
      const sameColumns = c.from.columns.join(',') === c.to.columns.join(',');
      if (dialect.canReplaceView(c.from, c.to) && !touched && (sameColumns || !hasDependents(from, key))) return [c];
      recreated.add(key);
      return [{ kind: 'drop_view', from: c.from }, { kind: 'create_view', to: c.to }, ...reapplyView(c.to)];
    }
    if (c.kind === 'replace_routine' && !dialect.canReplaceRoutine(c.from, c.to)) return [{ kind: 'drop_routine', from: c.from }, { kind: 'create_routine', to: c.to }];
    return [c];
  });
  if (recreated.size === 0) return converted;
  const reapplied = new Set<Change>(converted.filter((c) => !changes.includes(c)));
  return converted.filter((c) => reapplied.has(c) || !recreated.has(targets(c) ?? ''));
}

function hasDependents(schema: Schema, viewKey: string): boolean {
  return Object.values(schema.dependencies).some((deps) => deps.includes(`view:${viewKey}`));
}

function affectedKeys(changes: readonly Change[], from: Schema): Set<string> {
  const keys = new Set<string>();
  for (const c of changes) {
    switch (c.kind) {
      case 'alter_column':
        if (c.aspects.some((a) => a === 'type' || a === 'collation' || a === 'generated')) keys.add(`column:${c.table}.${c.from.name}`);
        break;
      case 'drop_column':
        keys.add(`column:${c.table}.${c.from.name}`);
        break;
      case 'drop_table':
        keys.add(`table:${qualify(c.from.schema, c.from.name)}`);
        break;
      case 'recreate_enum':
      case 'alter_composite_type':
      case 'drop_enum':
      case 'drop_domain':
      case 'drop_composite_type': {
        const type = c.kind === 'recreate_enum' || c.kind === 'alter_composite_type' ? c.to : c.from;
        const key = qualify(type.schema, type.name);
        keys.add(`type:${key}`);
        for (const column of columnsOfType(from, key)) keys.add(column);
        break;
      }
      case 'alter_domain':
        if (c.from.baseType !== c.to.baseType || c.from.collation !== c.to.collation) keys.add(`type:${qualify(c.to.schema, c.to.name)}`);
        break;
      case 'drop_view':
        keys.add(`view:${qualify(c.from.schema, c.from.name)}`);
        break;
      case 'drop_routine':
        keys.add(`routine:${routineKey(c.from)}`);
        break;
      default:
        break;
    }
  }
  return keys;
}

function columnsOfType(schema: Schema, typeKey: string): string[] {
  const dot = typeKey.indexOf('.');
  const names = new Set([typeKey, `${typeKey.slice(0, dot)}."${typeKey.slice(dot + 1)}"`]);
  const out: string[] = [];
  for (const [tableKey, table] of Object.entries(schema.tables)) {
    for (const column of table.columns) if (names.has(column.type.replace(/\[\]$/, ''))) out.push(`column:${tableKey}.${column.name}`);
  }
  return out;
}

function routineKey(r: Routine): string {
  return `${r.schema}.${r.name}(${Array.isArray(r.args) ? r.args.join(', ') : r.args})`;
}

function viewTarget(view: View): ObjectRef {
  return { type: view.materialized ? 'materialized_view' : 'view', key: qualify(view.schema, view.name) };
}

/** What a freshly created view lacks: its indexes, triggers, comments and grants. */
export function reapplyView(view: View): Change[] {
  const target = viewTarget(view);
  const columnComments = Object.keys(view.columnComments ?? {})
    .sort()
    .flatMap((column) => diffComment({ type: 'column', key: target.key, member: column }, undefined, view.columnComments?.[column]));
  return [
    ...diffIndexes(target.key, 'view', {}, view.indexes),
    ...diffTriggers(target.key, {}, view.triggers),
    ...diffComment(target, undefined, view.comment),
    ...columnComments,
    ...diffGrants(target, [], view.grants),
  ];
}

/** The relation a member change (comment, grant, index, trigger) hangs on. */
function targets(c: Change): string | undefined {
  if (c.kind === 'set_comment' || c.kind === 'grant' || c.kind === 'revoke') return c.target.key;
  if (c.kind === 'add_index' || c.kind === 'drop_index' || c.kind === 'create_trigger' || c.kind === 'drop_trigger') return c.table;
  return undefined;
}

function rebuildViews(changes: Change[], keys: ReadonlySet<string>, from: Schema, to: Schema): Change[] {
  if (keys.size === 0) return changes;
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'drop_view' ? [qualify(c.from.schema, c.from.name)] : [])));
  const rebuilt = [...keys].filter((k) => !dropped.has(k)).sort();
  const rebuiltSet = new Set(rebuilt);
  const kept = changes.filter((c) => {
    if ((c.kind === 'replace_view' || c.kind === 'create_view') && rebuiltSet.has(qualify(c.to.schema, c.to.name))) return false;
    const t = targets(c);
    return t === undefined || !rebuiltSet.has(t);
  });
  const added: Change[] = [];
  for (const key of rebuilt) {
    const old = from.views[key] as View;
    added.push({ kind: 'drop_view', from: old });
    const next = to.views[key];
    if (next) added.push({ kind: 'create_view', to: next }, ...reapplyView(next));
  }
  return [...kept, ...added];
}

function rebuildRoutines(changes: Change[], keys: ReadonlySet<string>, from: Schema, to: Schema): Change[] {
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'drop_routine' ? [routineKey(c.from)] : [])));
  const recreated = new Set(changes.flatMap((c) => (c.kind === 'create_routine' ? [routineKey(c.to)] : [])));
  const rebuilt = new Set([...keys].filter((k) => !dropped.has(k)));
  // Routines dropped and created again (return type changed, or rebuilt here) lose comment and grants.
  for (const key of dropped) if (recreated.has(key)) rebuilt.add(key);
  if (rebuilt.size === 0) return changes;
  const kept = changes.filter((c) => {
    if (c.kind === 'replace_routine' && rebuilt.has(routineKey(c.to))) return false;
    if ((c.kind === 'set_comment' || c.kind === 'grant' || c.kind === 'revoke') && rebuilt.has(c.target.key)) return false;
    return true;
  });
  const added: Change[] = [];
  for (const key of [...rebuilt].sort()) {
    const next = to.routines[key];
    if (!dropped.has(key)) added.push({ kind: 'drop_routine', from: from.routines[key] as Routine });
    if (!next) continue;
    if (!recreated.has(key)) added.push({ kind: 'create_routine', to: next });
    const target: ObjectRef = { type: next.kind, key };
    added.push(...diffComment(target, undefined, next.comment), ...diffGrants(target, DEFAULT_EXECUTE, next.grants));
  }
  return [...kept, ...added];
}

/** Affected column names by table key, built once (a scan per table made large schemas quadratic). */
function columnsByTable(affected: ReadonlySet<string>, from: Schema): (table: string) => string[] {
  const byTable = new Map<string, string[]>();
  for (const key of affected) {
    if (!key.startsWith('column:')) continue;
    const rest = key.slice('column:'.length);
    // Table keys are `schema.name` and names may hold dots: take the longest table key that matches.
    for (let dot = rest.lastIndexOf('.'); dot > 0; dot = rest.lastIndexOf('.', dot - 1)) {
      const table = rest.slice(0, dot);
      if (!from.tables[table]) continue;
      const list = byTable.get(table) ?? [];
      list.push(rest.slice(dot + 1));
      byTable.set(table, list);
      break;
    }
  }
  return (table) => byTable.get(table) ?? [];
}

function mentions(text: string | undefined, names: readonly string[]): boolean {
  return text !== undefined && names.some((n) => new RegExp(`(^|[^A-Za-z0-9_$])"?${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?($|[^A-Za-z0-9_$])`).test(text));
}

function rebuildTriggers(changes: Change[], affected: ReadonlySet<string>, from: Schema, to: Schema): Change[] {
  const touched = new Set(changes.flatMap((c) => (c.kind === 'drop_trigger' || c.kind === 'create_trigger' ? [`${c.table}.${c.kind === 'drop_trigger' ? c.from.name : c.to.name}`] : [])));
  const added: Change[] = [];
  const columnNamesOf = columnsByTable(affected, from);
  for (const [tableKey, table] of Object.entries(from.tables).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (affected.has(`table:${tableKey}`)) continue;
    const columns = columnNamesOf(tableKey);
    for (const trigger of Object.values(table.triggers)) {
      if (touched.has(`${tableKey}.${trigger.name}`)) continue;
      const usesRoutine = trigger.function !== undefined && affected.has(`routine:${trigger.function}`);
      const namesColumn = /\b(OF|WHEN)\b/.test(trigger.definition) && mentions(trigger.definition.slice(trigger.definition.search(/\b(OF|WHEN)\b/)), columns);
      if (!usesRoutine && !namesColumn) continue;
      added.push({ kind: 'drop_trigger', table: tableKey, from: trigger });
      const next = to.tables[tableKey]?.triggers[trigger.name];
      if (next) {
        added.push({ kind: 'create_trigger', table: tableKey, to: next });
        if (next.comment !== undefined) added.push({ kind: 'set_comment', target: { type: 'trigger', key: tableKey, member: next.name }, to: next.comment });
      }
    }
  }
  if (added.length === 0) return changes;
  const rebuilt = new Set(added.map((c) => (c.kind === 'drop_trigger' ? `${c.table}.${c.from.name}` : '')));
  const kept = changes.filter((c) => !(c.kind === 'set_comment' && c.target.type === 'trigger' && rebuilt.has(`${c.target.key}.${c.target.member}`)));
  return [...kept, ...added];
}

function rebuildPolicies(changes: Change[], affected: ReadonlySet<string>, from: Schema, to: Schema): Change[] {
  const added: Change[] = [];
  const touched = new Set(changes.flatMap((c) => (c.kind === 'drop_policy' || c.kind === 'alter_policy' || c.kind === 'create_policy' ? [`${c.table}.${c.kind === 'create_policy' ? c.to.name : c.from.name}`] : [])));
  const columnNamesOf = columnsByTable(affected, from);
  for (const [tableKey, table] of Object.entries(from.tables).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const columns = columnNamesOf(tableKey);
    if (columns.length === 0 || affected.has(`table:${tableKey}`)) continue;
    for (const policy of Object.values(table.policies)) {
      if (touched.has(`${tableKey}.${policy.name}`) || !(mentions(policy.using, columns) || mentions(policy.withCheck, columns))) continue;
      added.push({ kind: 'drop_policy', table: tableKey, from: policy });
      const next = to.tables[tableKey]?.policies[policy.name];
      if (next) added.push({ kind: 'create_policy', table: tableKey, to: next });
    }
  }
  return added.length ? [...changes, ...added] : changes;
}

/** A unique key or primary key that is dropped (and maybe re-added) takes the foreign keys leaning on it. */
function rebuildForeignKeys(changes: Change[], from: Schema, to: Schema): Change[] {
  const replacedKeys = changes.flatMap((c) =>
    c.kind === 'drop_constraint' && (c.from.kind === 'primary_key' || c.from.kind === 'unique') ? [{ table: c.table, columns: c.from.columns }] : c.kind === 'drop_index' && c.from.unique ? [{ table: c.table, columns: c.from.keys }] : [],
  );
  if (replacedKeys.length === 0) return changes;
  const droppedTables = new Set(changes.flatMap((c) => (c.kind === 'drop_table' ? [qualify(c.from.schema, c.from.name)] : [])));
  const droppedFks = new Set(changes.flatMap((c) => (c.kind === 'drop_constraint' ? [`${c.table}.${c.from.name}`] : [])));
  const added: Change[] = [];
  for (const [tableKey, table] of Object.entries(from.tables).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (droppedTables.has(tableKey)) continue;
    for (const fk of Object.values(table.constraints)) {
      const ref = fk.references;
      if (fk.kind !== 'foreign_key' || !ref || droppedFks.has(`${tableKey}.${fk.name}`)) continue;
      const leans = replacedKeys.some((k) => k.table === ref.table && k.columns.length === ref.columns.length && k.columns.every((col) => ref.columns.includes(col)));
      if (!leans) continue;
      added.push({ kind: 'drop_constraint', table: tableKey, from: fk });
      const next = to.tables[tableKey]?.constraints[fk.name];
      const addedAlready = changes.some((c) => c.kind === 'add_constraint' && c.table === tableKey && c.to.name === fk.name);
      if (next && !addedAlready) added.push({ kind: 'add_constraint', table: tableKey, to: next });
    }
  }
  return added.length ? [...changes, ...added] : changes;
}
