/**
 * Reads a SQLite database into the schema model: pragmas for what SQLite resolves (column types,
 * keys, foreign-key targets and actions, index columns), the stored `CREATE` text for what only the
 * text has (constraint names, CHECK and generated expressions, AUTOINCREMENT). The same code reads a
 * database file and the in-memory database loaded from SQL text, which is why both give equal models.
 * Only reads: `SELECT` and read-only pragmas.
 */
import type Database from 'better-sqlite3';
import type { Column, Constraint, Index, Schema, Table, Trigger, Unsupported, View } from '../../core/model.js';
import { compareText, emptySchema, sortedRecord } from '../../core/model.js';
import { identName, lex, significant } from '../../sources/sql/lex.js';
import { canonicalStatement, parseCreateIndex, parseCreateTable, viewQuery, type ParsedConstraint, type ParsedTable } from './parse-ddl.js';
import { constraintName, quoteSqliteIdent, referenceDefinition, type ForeignKeyRow } from './constraints.js';

interface SchemaRow {
  readonly type: string;
  readonly name: string;
  readonly tbl_name: string;
  readonly sql: string | null;
}

interface TableListRow {
  readonly name: string;
  readonly type: string;
  readonly wr: number;
  readonly strict: number;
}

interface ColumnRow {
  readonly cid: number;
  readonly name: string;
  readonly type: string;
  readonly notnull: number;
  readonly dflt_value: string | null;
  readonly pk: number;
  readonly hidden: number;
}

interface IndexListRow {
  readonly name: string;
  readonly unique: number;
  readonly origin: 'c' | 'u' | 'pk';
  readonly partial: number;
}

export function introspectSqlite(db: Database.Database): Schema {
  const objects = db.prepare<[], SchemaRow>("SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY name").all();
  const list = new Map(db.prepare<[], TableListRow>("SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main'").all().map((r) => [r.name, r]));
  const byName = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
  const unsupported: Unsupported[] = [];
  const tables: Record<string, Table> = {};
  const views: Record<string, View> = {};
  const dependencies: Record<string, string[]> = {};
  const canonicalName = (name: string) => byName.get(name.toLowerCase())?.name ?? name;

  for (const o of objects) {
    if (o.name.startsWith('sqlite_')) continue;
    const kind = list.get(o.name)?.type ?? o.type;
    if (kind === 'shadow') continue;
    if (kind === 'virtual') {
      unsupported.push({ kind: 'virtual_table', name: o.name, detail: `virtual table ${o.name} is not represented in the schema model` });
    } else if (o.type === 'table') {
      const table = readTable(db, o, list.get(o.name), canonicalName);
      tables[o.name] = table;
      const targets = Object.values(table.constraints).flatMap((c) => (c.references && c.references.table !== o.name ? [`table:${c.references.table}`] : []));
      if (targets.length > 0) dependencies[`table:${o.name}`] = [...new Set(targets)].sort(compareText);
    } else if (o.type === 'view') {
      views[o.name] = readView(db, o);
      const used = referencedObjects(o.sql ?? '', byName).filter((key) => key !== `view:${o.name}`);
      if (used.length > 0) dependencies[`view:${o.name}`] = used;
    }
  }
  for (const o of objects) {
    if (o.type !== 'trigger') continue;
    const owner = tables[canonicalName(o.tbl_name)];
    const trigger: Trigger = { name: o.name, definition: canonicalStatement(o.sql ?? '') };
    if (owner) tables[owner.name] = { ...owner, triggers: sortedRecord({ ...owner.triggers, [o.name]: trigger }) };
    else unsupported.push({ kind: 'view_trigger', name: o.name, detail: `trigger ${o.name} on view ${o.tbl_name} is not represented in the schema model` });
  }
  return {
    ...emptySchema('sqlite'),
    tables: sortedRecord(tables),
    views: sortedRecord(views),
    dependencies: sortedRecord(dependencies),
    unsupported: unsupported.sort((a, b) => compareText(`${a.kind}:${a.name}`, `${b.kind}:${b.name}`)),
  };
}

function readTable(db: Database.Database, o: SchemaRow, info: TableListRow | undefined, canonicalName: (n: string) => string): Table {
  const parsed = parseCreateTable(o.sql ?? '');
  const rows = db.prepare<[string], ColumnRow>('SELECT * FROM pragma_table_xinfo(?) ORDER BY cid').all(o.name).filter((c) => c.hidden !== 1);
  // The rowid alias (the one INTEGER primary key of a rowid table) is never NULL, with or without a declared
  // NOT NULL (a NULL insert takes the next rowid either way): ActiveRecord's table copies declare it, hand
  // written DDL seldom does. Both read as the same column.
  const keys = rows.filter((r) => r.pk > 0);
  const rowidAlias = !info?.wr && keys.length === 1 && keys[0]?.type.toUpperCase() === 'INTEGER' ? keys[0].name : undefined;
  const columns = rows.map((row) => toColumn(row.name === rowidAlias ? { ...row, notnull: 0 } : row, parsed));
  const extra: Record<string, string> = {};
  if (info?.wr) extra.withoutRowid = 'true';
  if (info?.strict) extra.strict = 'true';
  return compactTable({
    schema: '',
    name: o.name,
    columns,
    constraints: readConstraints(db, o.name, rows, parsed, canonicalName),
    indexes: readIndexes(db, o.name),
    triggers: {},
    policies: {},
    extra: Object.keys(extra).length > 0 ? sortedRecord(extra) : undefined,
  });
}

function toColumn(row: ColumnRow, parsed: ParsedTable): Column {
  const declared = parsed.columns.find((c) => c.name.toLowerCase() === row.name.toLowerCase());
  const extra: Record<string, string> = {};
  if (declared?.autoincrement) extra.autoincrement = 'true';
  // table_xinfo: 2 = virtual generated column, 3 = stored generated column.
  if (row.hidden === 2 || row.hidden === 3) extra.generated = row.hidden === 2 ? 'virtual' : 'stored';
  const column: Column = {
    name: row.name,
    type: row.type,
    notNull: row.notnull === 1,
    // DEFAULT NULL is no default at all (ActiveRecord's table copies write it on every nullable column).
    default: row.dflt_value === null || /^null$/i.test(row.dflt_value.trim()) ? undefined : row.dflt_value,
    generated: row.hidden === 2 || row.hidden === 3 ? declared?.generated : undefined,
    collation: declared?.collation,
    extra: Object.keys(extra).length > 0 ? sortedRecord(extra) : undefined,
  };
  return Object.fromEntries(Object.entries(column).filter(([, v]) => v !== undefined)) as unknown as Column;
}

function readConstraints(
  db: Database.Database,
  table: string,
  columns: readonly ColumnRow[],
  parsed: ParsedTable,
  canonicalName: (n: string) => string,
): Record<string, Constraint> {
  const out: Record<string, Constraint> = {};
  const used = new Set<ParsedConstraint>();
  const add = (c: Omit<Constraint, 'name' | 'validated'>, declared: ParsedConstraint | undefined) => {
    if (declared) used.add(declared);
    const name = constraintName(table, c.kind, c.columns, declared, (n) => n in out);
    out[name] = { name, ...c, validated: true };
  };
  const find = (kind: ParsedConstraint['kind'], cols: readonly string[], refTable?: string) =>
    parsed.constraints.find(
      (p) =>
        !used.has(p) &&
        p.kind === kind &&
        sameNames(p.columns, cols) &&
        (refTable === undefined || (p.references ?? '').toLowerCase() === refTable.toLowerCase()),
    );

  const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  if (pk.length > 0) add({ kind: 'primary_key', columns: pk, definition: `PRIMARY KEY (${pk.map(quoteSqliteIdent).join(', ')})` }, find('primary_key', pk));

  const indexes = db.prepare<[string], IndexListRow>('SELECT * FROM pragma_index_list(?)').all(table);
  // sqlite_autoindex_<table>_<n> counts in declaration order, which keeps implicit names stable.
  const ordinal = (name: string) => Number(/_(\d+)$/.exec(name)?.[1] ?? 0);
  for (const index of indexes.filter((i) => i.origin === 'u').sort((a, b) => ordinal(a.name) - ordinal(b.name))) {
    const cols = indexColumns(db, index.name);
    add({ kind: 'unique', columns: cols, definition: `UNIQUE (${cols.map(quoteSqliteIdent).join(', ')})` }, find('unique', cols));
  }
  for (const fk of foreignKeys(db, table, canonicalName)) {
    const declared = find('foreign_key', fk.from, fk.table);
    add(
      {
        kind: 'foreign_key',
        columns: fk.from,
        definition: referenceDefinition(fk, declared),
        references: { table: fk.table, columns: fk.to, onDelete: fk.onDelete, onUpdate: fk.onUpdate, ...(fk.match !== 'NONE' ? { match: fk.match } : {}) },
        ...(declared?.deferrable ? { deferrable: true } : {}),
        ...(declared?.initiallyDeferred ? { initiallyDeferred: true } : {}),
      },
      declared,
    );
  }
  for (const check of parsed.constraints.filter((p) => p.kind === 'check')) {
    add({ kind: 'check', columns: check.columnLevel ? [check.columnLevel] : [], definition: `CHECK (${check.check ?? ''})` }, check);
  }
  return sortedRecord(out);
}

function foreignKeys(db: Database.Database, table: string, canonicalName: (n: string) => string): ForeignKeyRow[] {
  const rows = db.prepare<[string], Record<string, any>>('SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq').all(table);
  const groups = new Map<number, Record<string, any>[]>();
  for (const r of rows) groups.set(r.id, [...(groups.get(r.id) ?? []), r]);
  // pragma ids count from the last declared key; declaration order keeps implicit names stable.
  return [...groups.keys()]
    .sort((a, b) => b - a)
    .map((id) => {
      const group = groups.get(id) ?? [];
      const first = group[0] ?? {};
      const target = canonicalName(String(first.table));
      const to = group.every((r) => r.to !== null) ? group.map((r) => String(r.to)) : primaryKeyOf(db, target);
      return { table: target, from: group.map((r) => String(r.from)), to, onDelete: first.on_delete, onUpdate: first.on_update, match: first.match };
    });
}

function primaryKeyOf(db: Database.Database, table: string): string[] {
  const rows = db.prepare<[string], ColumnRow>('SELECT * FROM pragma_table_info(?)').all(table);
  return rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
}

function indexColumns(db: Database.Database, index: string): string[] {
  const rows = db.prepare<[string], { name: string | null; key: number }>('SELECT name, key FROM pragma_index_xinfo(?) ORDER BY seqno').all(index);
  return rows.filter((r) => r.key === 1).map((r) => r.name ?? '');
}

function readIndexes(db: Database.Database, table: string): Record<string, Index> {
  const out: Record<string, Index> = {};
  const rows = db.prepare<[string], IndexListRow & { sql: string | null }>(
    'SELECT l.*, s.sql FROM pragma_index_list(?) AS l JOIN main.sqlite_schema AS s ON s.name = l.name',
  ).all(table);
  for (const row of rows) {
    if (row.origin !== 'c' || !row.sql) continue;
    const parsed = parseCreateIndex(row.sql);
    out[row.name] = {
      name: row.name,
      unique: row.unique === 1,
      method: 'btree',
      keys: parsed.keys,
      ...(parsed.where ? { where: parsed.where } : {}),
      definition: canonicalStatement(row.sql),
    };
  }
  return sortedRecord(out);
}

function readView(db: Database.Database, o: SchemaRow): View {
  const columns = db.prepare<[string], ColumnRow>('SELECT * FROM pragma_table_xinfo(?) ORDER BY cid').all(o.name).map((c) => c.name);
  return { schema: '', name: o.name, materialized: false, definition: viewQuery(o.sql ?? ''), columns, indexes: {} };
}

/** Tables and views a view's text names; SQLite keeps no dependency catalog. */
function referencedObjects(sql: string, byName: ReadonlyMap<string, SchemaRow>): string[] {
  const found = new Set<string>();
  for (const t of significant(lex(sql))) {
    if (t.kind !== 'word' && t.kind !== 'quoted') continue;
    const o = byName.get(identName(t).toLowerCase());
    if (o && (o.type === 'table' || o.type === 'view')) found.add(`${o.type}:${o.name}`);
  }
  return [...found].sort(compareText);
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name.toLowerCase() === (b[i] ?? '').toLowerCase());
}

function compactTable(table: Table): Table {
  return Object.fromEntries(Object.entries(table).filter(([, v]) => v !== undefined)) as unknown as Table;
}
