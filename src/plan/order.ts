/**
 * Orders changes so every statement finds what it needs: a rank per kind gives the broad shape (tear
 * down, create and alter, drop what is left), and dependency edges from the schemas order objects of the
 * same kind (drops read the before-schema, creates the after-schema). Ties break on the object's name.
 */
import type { Change, ChangeKind, ChangeOf } from '../core/change.js';
import type { Routine, Schema, Table } from '../core/model.js';
import { compareText, qualify } from '../core/model.js';
import { describeChange } from '../diff/describe.js';

type Ranker<K extends ChangeKind> = number | ((change: ChangeOf<K>, ctx: OrderContext) => number);

interface OrderContext {
  readonly to: Schema;
}

/** Exhaustive, so a new change kind must be placed before it compiles. */
const RANK: { [K in ChangeKind]: Ranker<K> } = {
  add_enum_value: 0,
  drop_trigger: 10,
  drop_policy: 11,
  drop_view: 12,
  drop_routine: (c, ctx) => (ctx.to.routines[routineKey(c.from)] ? 13 : 50),
  drop_constraint: (c) => (c.from.kind === 'foreign_key' ? 14 : 15),
  drop_index: 15,
  drop_column: 16,
  drop_table: 17,
  rename_table: 20,
  rename_column: 21,
  rename_enum_value: 21,
  create_schema: 22,
  create_extension: 23,
  alter_extension: 23,
  create_collation: 23,
  create_enum: 24,
  create_domain: 24,
  create_composite_type: 24,
  alter_domain: 25,
  alter_composite_type: 25,
  recreate_enum: 25,
  create_sequence: 26,
  create_table: 30,
  add_column: 30,
  alter_column: 31,
  alter_table: 31,
  add_constraint: (c) => (c.to.kind === 'foreign_key' ? 34 : 32),
  add_index: (c, ctx) => (ctx.to.views[c.table] ? 37 : 33),
  validate_constraint: 34,
  create_routine: 35,
  replace_routine: 35,
  create_view: 36,
  replace_view: 36,
  alter_sequence: 38,
  create_trigger: 39,
  create_policy: 39,
  alter_policy: 39,
  revoke: 40,
  set_comment: 41,
  grant: 41,
  drop_sequence: 51,
  drop_domain: 52,
  drop_composite_type: 52,
  drop_enum: 52,
  drop_extension: 53,
  drop_collation: 53,
  drop_schema: 54,
};

function rankOf(change: Change, ctx: OrderContext): number {
  const r = RANK[change.kind] as Ranker<ChangeKind>;
  return typeof r === 'number' ? r : r(change as never, ctx);
}

function routineKey(r: Routine): string {
  return `${r.schema}.${r.name}(${Array.isArray(r.args) ? r.args.join(', ') : r.args})`;
}

/** Dependency keys a change brings into existence (after-schema) or removes (before-schema). */
function createdKeys(c: Change): string[] {
  switch (c.kind) {
    case 'create_schema':
      return [`schema:${c.to.name}`];
    case 'create_collation':
      return [`collation:${qualify(c.to.schema, c.to.name)}`];
    case 'create_extension':
      return [`extension:${c.to.name}`];
    case 'create_enum':
    case 'create_domain':
    case 'create_composite_type':
    case 'recreate_enum':
    case 'alter_domain':
      return [`type:${qualify(c.to.schema, c.to.name)}`];
    case 'create_sequence':
      return [`sequence:${qualify(c.to.schema, c.to.name)}`];
    case 'create_table':
      return tableKeys(c.to);
    case 'add_column':
    case 'alter_column':
      return [`column:${c.table}.${c.to.name}`];
    case 'create_view':
    case 'replace_view':
      return [`view:${qualify(c.to.schema, c.to.name)}`];
    case 'create_routine':
    case 'replace_routine':
      return [`routine:${routineKey(c.to)}`];
    default:
      return [];
  }
}

function droppedKeys(c: Change): string[] {
  switch (c.kind) {
    case 'drop_schema':
      return [`schema:${c.from.name}`];
    case 'drop_collation':
      return [`collation:${qualify(c.from.schema, c.from.name)}`];
    case 'drop_extension':
      return [`extension:${c.from.name}`];
    case 'drop_enum':
    case 'drop_domain':
    case 'drop_composite_type':
      return [`type:${qualify(c.from.schema, c.from.name)}`];
    case 'drop_sequence':
      return [`sequence:${qualify(c.from.schema, c.from.name)}`];
    case 'drop_table':
      return tableKeys(c.from);
    case 'drop_column':
      return [`column:${c.table}.${c.from.name}`];
    case 'drop_view':
      return [`view:${qualify(c.from.schema, c.from.name)}`];
    case 'drop_routine':
      return [`routine:${routineKey(c.from)}`];
    default:
      return [];
  }
}

function tableKeys(t: Table): string[] {
  const key = qualify(t.schema, t.name);
  return [`table:${key}`, ...t.columns.map((c) => `column:${key}.${c.name}`)];
}

/** Partitions and inheriting tables need their parent; the catalog records that outside pg_depend. */
function parentKeys(t: Table): string[] {
  return [...(t.partitioning?.of ? [t.partitioning.of] : []), ...(t.inherits ?? [])].map((p) => `table:${p}`);
}

/** Tables a change works on must exist first (a foreign key needs both of its tables). */
function tablesUsed(c: Change): string[] {
  if (c.kind === 'create_table' || c.kind === 'drop_table' || !('table' in c)) return [];
  const refs = c.kind === 'add_constraint' && c.to.references ? [`table:${c.to.references.table}`] : [];
  return [`table:${c.table}`, ...refs];
}

function needs(schema: Schema, keys: readonly string[], table?: Table): string[] {
  const out = keys.flatMap((k) => schema.dependencies[k] ?? []);
  return table ? [...out, ...parentKeys(table)] : out;
}

export function orderChanges(changes: readonly Change[], from: Schema, to: Schema): Change[] {
  const ctx: OrderContext = { to };
  const nodes = changes
    .map((change, index) => ({ change, index, rank: rankOf(change, ctx), name: describeChange(change).object }))
    .sort((a, b) => a.rank - b.rank || compareText(a.name, b.name) || a.index - b.index);
  const creators = new Map<string, number>();
  const droppers = new Map<string, number>();
  nodes.forEach((n, i) => {
    for (const k of createdKeys(n.change)) if (!creators.has(k)) creators.set(k, i);
    for (const k of droppedKeys(n.change)) if (!droppers.has(k)) droppers.set(k, i);
  });
  const before: Set<number>[] = nodes.map(() => new Set<number>());
  nodes.forEach((n, i) => {
    const c = n.change;
    const created = createdKeys(c);
    if (created.length) {
      for (const d of needs(to, created, c.kind === 'create_table' ? c.to : undefined)) {
        const j = creators.get(d);
        if (j !== undefined && j !== i) before[i]?.add(j);
      }
    }
    for (const d of tablesUsed(c)) {
      const j = creators.get(d);
      if (j !== undefined && j !== i) before[i]?.add(j);
    }
    const dropped = droppedKeys(c);
    if (dropped.length) {
      // What this drop's object needs must be dropped after it.
      for (const d of needs(from, dropped, c.kind === 'drop_table' ? c.from : undefined)) {
        const j = droppers.get(d);
        if (j !== undefined && j !== i) before[j]?.add(i);
      }
    }
  });
  return topological(nodes.length, before).map((i) => (nodes[i] as { change: Change }).change);
}

/** Kahn's algorithm, always taking the earliest ready node; a cycle is broken at its earliest node. */
function topological(count: number, before: readonly Set<number>[]): number[] {
  const done = new Set<number>();
  const out: number[] = [];
  while (out.length < count) {
    let pick = -1;
    for (let i = 0; i < count; i++) {
      if (done.has(i)) continue;
      if ([...(before[i] ?? [])].every((j) => done.has(j))) {
        pick = i;
        break;
      }
    }
    if (pick < 0) for (let i = 0; i < count && pick < 0; i++) if (!done.has(i)) pick = i;
    done.add(pick);
    out.push(pick);
  }
  return out;
}
