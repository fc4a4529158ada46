/**
 * What SQLite's ALTER TABLE cannot do becomes the table rebuild its documentation describes
 * (https://www.sqlite.org/lang_altertable.html#otheralter): foreign keys off, a new table in the desired
 * shape, rows copied, the old table dropped, the new one renamed, its indexes and triggers created,
 * `PRAGMA foreign_key_check`, commit, foreign keys back on. Every change of a table that needs it
 * becomes one rebuild from the table as it was to the table as it must be, in the place of the last of
 * them; its reverse is the rebuild the other way.
 *
 * `legacy_alter_table` is on during the rename, so views and triggers of other tables that name the
 * table are left as they are (they name it again once the rename is done) instead of being re-checked
 * while it is missing.
 */
import type { Change } from '../../../core/change.js';
import { hazard, type Hazard } from '../../../core/hazard.js';
import type { Column, Schema, Table } from '../../../core/model.js';
import { qualify, sortedValues } from '../../../core/model.js';
import type { Step } from '../../../core/plan.js';
import type { RenderContext } from '../../../plan/dialect.js';
import { createTableSql, isImplicitName, q } from './table-sql.js';

const MEMBER_KINDS = new Set<Change['kind']>([
  'add_column', 'drop_column', 'rename_column', 'alter_column', 'add_constraint', 'drop_constraint', 'validate_constraint',
  'add_index', 'drop_index', 'create_trigger', 'drop_trigger', 'alter_table',
]);

const ALWAYS_REBUILD = new Set<Change['kind']>(['alter_column', 'add_constraint', 'drop_constraint', 'validate_constraint', 'alter_table']);

function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_$])["\`[]?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["\`\\]]?($|[^A-Za-z0-9_$])`, 'i').test(text);
}

/** ALTER TABLE ADD COLUMN's limits (and the DROP COLUMN that undoes it). */
export function canAddColumn(table: Table, column: Column): boolean {
  if (Object.values(table.constraints).some((c) => c.columns.includes(column.name) && c.kind !== 'check')) return false;
  if (column.default !== undefined && !/^('(?:[^']|'')*'|[-+]?[\d.]+(e[-+]?\d+)?|NULL|TRUE|FALSE)$/i.test(column.default)) return false;
  if (column.notNull && (column.default === undefined || /^NULL$/i.test(column.default))) return false;
  if (column.generated !== undefined && column.extra?.generated === 'stored') return false;
  return true;
}

/** ALTER TABLE DROP COLUMN's limits: nothing else in the schema may name the column. */
export function canDropColumn(table: Table, column: Column, schema: Schema): boolean {
  if (Object.values(table.constraints).some((c) => c.columns.includes(column.name) || (c.kind === 'check' && mentions(c.definition, column.name)))) return false;
  if (Object.values(table.indexes).some((i) => mentions(i.definition.slice(i.definition.indexOf('(')), column.name))) return false;
  if (table.columns.some((c) => c.generated !== undefined && mentions(c.generated, column.name))) return false;
  const triggers = Object.values(schema.tables).flatMap((t) => Object.values(t.triggers));
  if (triggers.some((t) => mentions(t.definition, column.name))) return false;
  return !Object.values(schema.views).some((v) => mentions(v.definition, column.name));
}

function needsRebuild(change: Change, ctx: RenderContext): boolean {
  if (ALWAYS_REBUILD.has(change.kind)) return true;
  if (change.kind === 'add_column') {
    const table = ctx.to.tables[change.table];
    return !table || !canAddColumn(table, change.to) || !canDropColumn(table, change.to, ctx.to);
  }
  if (change.kind === 'drop_column') {
    const table = Object.values(ctx.from.tables).find((t) => qualify(t.schema, t.name) === change.table);
    return !table || !canDropColumn(table, change.from, ctx.from) || !canAddColumn(table, change.from);
  }
  return false;
}

export function rebuildTables(input: readonly Step[], ctx: RenderContext): Step[] {
  const created = new Set(input.flatMap((s) => (s.change?.kind === 'create_table' ? [qualify(s.change.to.schema, s.change.to.name)] : [])));
  const dropped = new Set(input.flatMap((s) => (s.change?.kind === 'drop_table' ? [qualify(s.change.from.schema, s.change.from.name)] : [])));
  // Keys of new and dropped tables are written inline with the table (SQLite cannot add them later).
  const steps = input.filter((s) => !(s.change?.kind === 'add_constraint' && created.has(s.change.table)) && !(s.change?.kind === 'drop_constraint' && dropped.has(s.change.table)));
  const renamedTo = new Map<string, string>();
  const renameAt = new Map<string, number>();
  steps.forEach((s, i) => {
    if (s.change?.kind !== 'rename_table') return;
    const to = qualify(s.change.to.schema, s.change.to.name);
    renamedTo.set(qualify(s.change.from.schema, s.change.from.name), to);
    renameAt.set(to, i);
  });
  const unchanged = renamedConstraints(steps, renamedTo);
  const members = new Map<string, number[]>();
  steps.forEach((s, i) => {
    const c = s.change;
    if (!c || !MEMBER_KINDS.has(c.kind) || !('table' in c) || unchanged.has(i)) return;
    const key = renamedTo.get(c.table) ?? c.table;
    if (created.has(key) || !ctx.to.tables[key]) return;
    members.set(key, [...(members.get(key) ?? []), i]);
  });
  const absorbed = new Set<number>();
  const inserted = new Map<number, Step[]>();
  for (const [key, indexes] of [...members].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!indexes.some((i) => needsRebuild((steps[i] as Step).change as Change, ctx))) continue;
    const oldKey = [...renamedTo].find(([, to]) => to === key)?.[0] ?? key;
    const position = Math.max(...indexes, renameAt.get(key) ?? -1);
    for (const i of indexes) absorbed.add(i);
    const step = rebuildStep(key, oldKey, indexes.map((i) => steps[i] as Step), ctx);
    inserted.set(position, [...(inserted.get(position) ?? []), step]);
  }
  const out: Step[] = [];
  steps.forEach((s, i) => {
    if (!absorbed.has(i) && !unchanged.has(i)) out.push(s);
    out.push(...(inserted.get(i) ?? []));
  });
  return checkOnceAtTheEnd(out, new Set([...inserted.values()].flat()));
}

const CHECK = 'PRAGMA foreign_key_check';

/**
 * Several rebuilds: `foreign_key_check` runs after the last one of each direction only. Between two
 * rebuilds a key may name a parent key that only the next rebuild creates (a primary key widened
 * under a composite foreign key), and SQLite's check then fails with "foreign key mismatch" however
 * good the rows are. The last check still covers every table, and each file still stops on a bad row.
 */
function checkOnceAtTheEnd(steps: readonly Step[], rebuilds: ReadonlySet<Step>): Step[] {
  const at = steps.flatMap((s, i) => (rebuilds.has(s) ? [i] : []));
  if (at.length < 2) return [...steps];
  const [first, last] = [at[0] as number, at[at.length - 1] as number];
  const without = (sql: readonly string[]) => sql.filter((statement) => statement !== CHECK);
  return steps.map((s, i) => {
    if (!rebuilds.has(s)) return s;
    const sql = i === last ? s.sql : without(s.sql);
    const reverse = i === first || s.reverse.kind !== 'sql' ? s.reverse : { ...s.reverse, sql: without(s.reverse.sql) };
    return { ...s, sql, reverse };
  });
}

/**
 * A renamed table's unnamed constraints get names from the new table name (`users_pkey` →
 * `members_pkey`): the diff sees a drop and an add, SQLite sees nothing. Those pairs are left out.
 */
function renamedConstraints(steps: readonly Step[], renamedTo: ReadonlyMap<string, string>): Set<number> {
  const out = new Set<number>();
  steps.forEach((s, i) => {
    const drop = s.change;
    if (drop?.kind !== 'drop_constraint') return;
    const newKey = renamedTo.get(drop.table);
    if (!newKey || !isImplicitName(drop.table, drop.from)) return;
    const j = steps.findIndex((t, k) => !out.has(k) && t.change?.kind === 'add_constraint' && t.change.table === newKey && t.change.to.kind === drop.from.kind && t.change.to.definition === drop.from.definition && isImplicitName(newKey, t.change.to));
    if (j >= 0) out.add(i).add(j);
  });
  return out;
}

function rebuildStep(key: string, oldKey: string, members: readonly Step[], ctx: RenderContext): Step {
  const before = ctx.from.tables[oldKey] as Table;
  const after = ctx.to.tables[key] as Table;
  const renames = new Map(members.flatMap((s) => (s.change?.kind === 'rename_column' ? [[s.change.to.name, s.change.from.name] as const] : [])));
  const forward = columnMap(before, after, renames);
  const backward = columnMap(after, before, new Map([...renames].map(([to, from]) => [from, to])));
  const lost = before.columns.filter((c) => c.generated === undefined && ![...forward.values()].includes(c.name)).map((c) => c.name);
  const hazards: Hazard[] = [hazard('TABLE_REWRITE', `${key} is rebuilt: every row is copied into a new table`, 'SQLite cannot make this change with ALTER TABLE')];
  if (lost.length) hazards.push(hazard('DATA_LOSS', `the values of ${lost.map((c) => `${key}.${c}`).join(', ')} are dropped`));
  const stricter = after.columns.some((c) => c.notNull && before.columns.find((b) => b.name === (renames.get(c.name) ?? c.name))?.notNull === false);
  const newChecks = Object.keys(after.constraints).some((n) => !before.constraints[n] && after.constraints[n]?.kind !== 'primary_key');
  const unfilled = after.columns.filter((c) => c.notNull && c.default === undefined && c.generated === undefined && !forward.has(c.name)).map((c) => c.name);
  if (unfilled.length) hazards.push(hazard('MAY_FAIL', `${unfilled.map((c) => `${key}.${c}`).join(', ')}: NOT NULL without a default, so the copy fails while ${key} has rows`));
  if (stricter || newChecks) hazards.push(hazard('MAY_FAIL', `rows of ${key} that break a new NOT NULL, check, unique or foreign key stop the copy`));
  return {
    sql: rebuildSql({ ...before, name: after.name }, after, forward),
    reverse: {
      kind: 'sql',
      sql: rebuildSql(after, { ...before, name: after.name }, backward, before.name),
      ...(lost.length ? { lossy: `the values of ${lost.join(', ')} are not restored` } : {}),
    },
    hazards,
    phase: 'migrate',
    transactional: false,
    description: `rebuild table ${key} (${members.map((s) => s.description).join('; ')})`,
    ...(members[0]?.change ? { change: members[0].change } : {}),
  };
}

/** New column → the old column its values come from. */
function columnMap(from: Table, to: Table, renames: ReadonlyMap<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const column of to.columns) {
    if (column.generated !== undefined) continue;
    const source = renames.get(column.name) ?? column.name;
    if (from.columns.some((c) => c.name === source) && !(renames.has(column.name) === false && [...renames.values()].includes(source))) map.set(column.name, source);
  }
  return map;
}

/** `definedOn`: the name the target's index and trigger definitions use, when it is not its name yet. */
function rebuildSql(current: Table, target: Table, columns: ReadonlyMap<string, string>, definedOn = target.name): string[] {
  const temp = `mg_new_${target.name}`;
  const escaped = definedOn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const onTarget = (definition: string) => (definedOn === target.name ? definition : definition.replace(new RegExp(`\\bON\\s+("${escaped}"|${escaped})(?![A-Za-z0-9_$])`, 'i'), `ON ${q(target.name)}`));
  const names = [...columns.keys()];
  return [
    'PRAGMA foreign_keys = OFF',
    'PRAGMA legacy_alter_table = ON',
    'BEGIN',
    createTableSql(target, temp),
    ...(names.length ? [`INSERT INTO ${q(temp)} (${names.map(q).join(', ')}) SELECT ${names.map((n) => q(columns.get(n) as string)).join(', ')} FROM ${q(current.name)}`] : []),
    `DROP TABLE ${q(current.name)}`,
    `ALTER TABLE ${q(temp)} RENAME TO ${q(target.name)}`,
    ...sortedValues(target.indexes).map((i) => onTarget(i.definition)),
    ...sortedValues(target.triggers).map((t) => onTarget(t.definition)),
    'PRAGMA foreign_key_check',
    'COMMIT',
    'PRAGMA legacy_alter_table = OFF',
    'PRAGMA foreign_keys = ON',
  ];
}
