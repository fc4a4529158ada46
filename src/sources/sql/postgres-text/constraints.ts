/**
 * PRIMARY KEY, UNIQUE, CHECK and FOREIGN KEY constraints: PostgreSQL's generated names, its
 * `pg_get_constraintdef` text, and the dependencies it records.
 */
import type { Constraint } from '../../../core/model.js';
import { qualify } from '../../../core/model.js';
import { qualifiedName, quoteIdent } from '../../../dialects/postgres/quote.js';
import { columnModel, replaceColumn, scopeOf } from './columns.js';
import { columnsRead, renderCondition } from './expressions.js';
import { needsDatabase } from './fallback.js';
import { makeObjectName, nameAddition } from './names.js';
import type { TextCatalog, TableState } from './state.js';

type Node = Record<string, any>;

const FK_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
const FK_MATCH: Record<string, string> = { s: 'SIMPLE', f: 'FULL', p: 'PARTIAL' };

/** Adds one constraint; `column` is set for a column constraint (its implicit column list). */
export function addConstraint(catalog: TextCatalog, table: TableState, c: Node, column?: string): void {
  if (c.is_enforced === false || c.options || c.indexspace || c.indexname || c.access_method || c.where_clause || c.exclusions) {
    needsDatabase('a constraint option');
  }
  switch (c.contype) {
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE':
      return addKey(catalog, table, c, column);
    case 'CONSTR_CHECK':
      return addCheck(catalog, table, c);
    case 'CONSTR_FOREIGN':
      return addForeignKey(catalog, table, c, column);
    default:
      return needsDatabase(`constraint ${c.contype}`);
  }
}

function names(list: Node[] | undefined): string[] {
  return (list ?? []).map((n) => String(n.String?.sval ?? needsDatabase('a column list')));
}

function quotedList(columns: readonly string[]): string {
  return columns.map(quoteIdent).join(', ');
}

function deferral(c: Node): { text: string; deferrable?: true; initiallyDeferred?: true } {
  if (c.initdeferred && !c.deferrable) needsDatabase('INITIALLY DEFERRED without DEFERRABLE');
  return {
    text: `${c.deferrable ? ' DEFERRABLE' : ''}${c.initdeferred ? ' INITIALLY DEFERRED' : ''}`,
    ...(c.deferrable ? { deferrable: true as const } : {}),
    ...(c.initdeferred ? { initiallyDeferred: true as const } : {}),
  };
}

function requireColumns(table: TableState, columns: readonly string[]): void {
  for (const name of columns) if (!table.columns.some((c) => c.name === name)) needsDatabase(`column ${name} is not known here`);
  if (new Set(columns).size !== columns.length) needsDatabase('a column listed twice');
}

function addKey(catalog: TextCatalog, table: TableState, c: Node, column?: string): void {
  const primary = c.contype === 'CONSTR_PRIMARY';
  const columns = column ? [column] : names(c.keys);
  const include = names(c.including);
  requireColumns(table, [...columns, ...include]);
  if (primary && [...table.constraints.values()].some((k) => k.kind === 'primary_key')) needsDatabase('two primary keys');
  const name = c.conname ? String(c.conname) : generatedKeyName(catalog, table, primary, [...columns, ...include]);
  if (table.constraints.has(name)) needsDatabase(`constraint ${name} exists`);
  catalog.claimConstraint(table.schema, name, true);
  const keyword = primary ? 'PRIMARY KEY' : c.nulls_not_distinct ? 'UNIQUE NULLS NOT DISTINCT' : 'UNIQUE';
  const d = deferral(c);
  const definition = `${keyword} (${quotedList(columns)})${include.length > 0 ? ` INCLUDE (${quotedList(include)})` : ''}${d.text}`;
  table.constraints.set(name, constraintModel({ name, kind: primary ? 'primary_key' : 'unique', definition, columns, deferrable: d.deferrable, initiallyDeferred: d.initiallyDeferred, validated: true }));
  if (primary) {
    for (const key of columns) {
      const current = table.columns.find((col) => col.name === key);
      if (current && !current.notNull) replaceColumn(table, key, { ...current, notNull: true });
    }
  }
}

function generatedKeyName(catalog: TextCatalog, table: TableState, primary: boolean, columns: readonly string[]): string {
  const name = primary ? makeObjectName(table.name, undefined, 'pkey') : makeObjectName(table.name, nameAddition(columns), 'key');
  catalog.assertFreeName(table.schema, name, true);
  return name;
}

function addCheck(catalog: TextCatalog, table: TableState, c: Node): void {
  // conkey lists the columns a check reads in the order they first appear.
  const read = columnsRead(c.raw_expr);
  const scope = scopeOf(catalog, table);
  const body = renderCondition(c.raw_expr, scope);
  let name: string;
  if (c.conname) name = String(c.conname);
  else {
    name = makeObjectName(table.name, read.length === 1 ? read[0] : undefined, 'check');
    catalog.assertFreeName(table.schema, name, false);
  }
  if (table.constraints.has(name)) needsDatabase(`constraint ${name} exists`);
  catalog.claimConstraint(table.schema, name, false);
  const definition = `CHECK (${body})${c.is_no_inherit ? ' NO INHERIT' : ''}`;
  table.constraints.set(name, constraintModel({ name, kind: 'check', definition, columns: read, validated: !c.skip_validation }));
}

function addForeignKey(catalog: TextCatalog, table: TableState, c: Node, column?: string): void {
  if (c.fk_del_set_cols || c.old_conpfeqop) needsDatabase('ON DELETE SET NULL/DEFAULT with a column list');
  const columns = column ? [column] : names(c.fk_attrs);
  requireColumns(table, columns);
  const pk = c.pktable as Node;
  const target = pk.schemaname === table.schema && pk.relname === table.name ? table : catalog.table(pk.schemaname, String(pk.relname));
  const targetColumns = c.pk_attrs && c.pk_attrs.length > 0 ? names(c.pk_attrs) : primaryKeyOf(target);
  requireColumns(target, targetColumns);
  if (targetColumns.length !== columns.length) needsDatabase('foreign key column counts differ');
  if (!isUniqueKey(target, targetColumns)) needsDatabase('a foreign key to columns without a unique key');
  for (let i = 0; i < columns.length; i++) {
    const from = table.columns.find((col) => col.name === columns[i])?.type;
    const to = target.columns.find((col) => col.name === targetColumns[i])?.type;
    if (from !== to) needsDatabase('foreign key columns of different types');
  }
  let name: string;
  if (c.conname) name = String(c.conname);
  else {
    name = makeObjectName(table.name, nameAddition(columns), 'fkey');
    catalog.assertFreeName(table.schema, name, false);
  }
  if (table.constraints.has(name)) needsDatabase(`constraint ${name} exists`);
  catalog.claimConstraint(table.schema, name, false);
  const targetKey = qualify(target.schema, target.name);
  const onUpdate = FK_ACTIONS[String(c.fk_upd_action ?? 'a')] ?? needsDatabase('a foreign key action');
  const onDelete = FK_ACTIONS[String(c.fk_del_action ?? 'a')] ?? needsDatabase('a foreign key action');
  const match = FK_MATCH[String(c.fk_matchtype ?? 's')] ?? needsDatabase('a foreign key match type');
  const d = deferral(c);
  const definition =
    `FOREIGN KEY (${quotedList(columns)}) REFERENCES ${qualifiedName(target.schema, target.name)}(${quotedList(targetColumns)})` +
    `${match === 'SIMPLE' ? '' : ` MATCH ${match}`}${onUpdate === 'NO ACTION' ? '' : ` ON UPDATE ${onUpdate}`}` +
    `${onDelete === 'NO ACTION' ? '' : ` ON DELETE ${onDelete}`}${d.text}`;
  table.constraints.set(
    name,
    constraintModel({
      name,
      kind: 'foreign_key',
      definition,
      columns,
      references: { table: targetKey, columns: targetColumns, onDelete, onUpdate, match },
      deferrable: d.deferrable,
      initiallyDeferred: d.initiallyDeferred,
      validated: !c.skip_validation,
    }),
  );
  if (target !== table) table.needs.add(`table:${targetKey}`);
  for (const col of targetColumns) table.needs.add(`column:${targetKey}.${col}`);
}

function primaryKeyOf(table: TableState): string[] {
  const pk = [...table.constraints.values()].find((k) => k.kind === 'primary_key');
  return pk ? [...pk.columns] : needsDatabase(`table ${table.name} has no primary key to reference`);
}

/** PostgreSQL wants a primary key, unique constraint or plain unique index on exactly these columns. */
function isUniqueKey(table: TableState, columns: readonly string[]): boolean {
  const same = (list: readonly string[]) => list.length === columns.length && list.every((c) => columns.includes(c));
  for (const k of table.constraints.values()) if ((k.kind === 'primary_key' || k.kind === 'unique') && same(k.columns) && !k.deferrable) return true;
  for (const i of table.indexes.values()) if (i.unique && !i.where && !i.include && same(i.keys)) return true;
  return false;
}

/** Field order as introspection writes it. */
export function constraintModel(c: Constraint): Constraint {
  const out: Record<string, unknown> = { name: c.name, kind: c.kind, definition: c.definition, columns: c.columns };
  if (c.references) out.references = c.references;
  if (c.deferrable) out.deferrable = true;
  if (c.initiallyDeferred) out.initiallyDeferred = true;
  out.validated = c.validated;
  if (c.comment !== undefined) out.comment = c.comment;
  return out as unknown as Constraint;
}

export { columnModel };
