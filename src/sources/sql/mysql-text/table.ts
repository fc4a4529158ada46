/** CREATE TABLE and ALTER TABLE applied to a table's state, with the implicit names and indexes the server adds. */
import { isWord, splitTopLevel, type Token } from '../lex.js';
import { Cursor, spanText } from './cursor.js';
import {
  defaultValue,
  isColumnStart,
  parseColumn,
  parseForeignKey,
  parseKey,
  parseTableOption,
  type CheckState,
  type ColumnState,
  type ForeignKeyState,
  type IndexState,
  type TableOptions,
} from './definitions.js';

export interface TableState {
  name: string;
  columns: ColumnState[];
  indexes: IndexState[];
  foreignKeys: ForeignKeyState[];
  checks: CheckState[];
  options: TableOptions;
}

export function newTable(name: string): TableState {
  return { name, columns: [], indexes: [], foreignKeys: [], checks: [], options: { other: [] } };
}

/** The body of CREATE TABLE: `( items ) options`. */
export function createTableBody(c: Cursor, table: TableState): void {
  for (const item of splitTopLevel(c.group())) addItem(c.sub(item), table, item);
  while (!c.done) if (!parseTableOption(c, table.options)) throw c.error(`unexpected ${c.peek()?.text} after the table definition`);
  complete(table);
}

function addItem(c: Cursor, table: TableState, tokens: readonly Token[]): void {
  if (isColumnStart(tokens)) {
    const parsed = parseColumn(c);
    if (!c.done) throw c.error(`unexpected ${c.peek()?.text}`);
    table.columns.push(parsed.column);
    parsed.indexes.forEach((index) => addIndex(table, index));
    table.checks.push(...parsed.checks);
    table.foreignKeys.push(...parsed.foreignKeys);
    return;
  }
  addConstraint(c, table);
}

/** `[CONSTRAINT [name]] PRIMARY KEY | UNIQUE | FOREIGN KEY | CHECK`, or a plain key. */
function addConstraint(c: Cursor, table: TableState): void {
  let name: string | undefined;
  if (c.accept('CONSTRAINT') && !c.is('PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK')) name = c.name();
  if (c.is('FOREIGN')) table.foreignKeys.push(parseForeignKey(c, name));
  else if (c.accept('CHECK')) {
    table.checks.push({ name, clause: spanText(c.group(), c.source) });
    c.accept('ENFORCED') || c.accept('NOT', 'ENFORCED');
  } else addIndex(table, parseKey(c, name));
}

/** MariaDB names an unnamed key after its first column, then `_2`, `_3`... */
function addIndex(table: TableState, index: IndexState): void {
  if (index.kind === 'primary') table.columns.forEach((col) => index.parts.some((p) => p.column === col.name) && (col.notNull = true));
  if (!index.name) index.name = freeIndexName(table, index.parts[0]?.column ?? 'key');
  table.indexes.push(index);
}

function freeIndexName(table: TableState, base: string): string {
  const taken = (n: string) => table.indexes.some((i) => i.name.toLowerCase() === n.toLowerCase());
  if (!taken(base)) return base;
  let n = 2;
  while (taken(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/**
 * What the server adds once a table statement is done: `<table>_ibfk_<n>` names, an index for
 * each foreign key no index starts with, names of unnamed checks, NOT NULL on key columns.
 */
export function complete(table: TableState): void {
  let fkNumber = Math.max(0, ...table.foreignKeys.map((f) => Number(new RegExp(`^${escape(table.name)}_ibfk_(\\d+)$`).exec(f.name)?.[1] ?? 0)));
  for (const fk of table.foreignKeys) {
    const leading = (index: IndexState) => fk.columns.every((col, i) => index.parts[i]?.column.toLowerCase() === col.toLowerCase() && index.parts[i]?.subPart === null);
    if (!table.indexes.some((index) => index.kind !== 'fulltext' && index.kind !== 'spatial' && leading(index))) {
      const name = fk.indexName ?? (fk.unnamed ? (fk.columns[0] as string) : fk.name);
      addIndex(table, { name: freeIndexName(table, name), kind: 'index', parts: fk.columns.map((column) => ({ column, subPart: null, desc: false })), comment: '' });
    }
    if (fk.unnamed && !fk.name) fk.name = `${table.name}_ibfk_${++fkNumber}`;
  }
  let checkNumber = 0;
  for (const check of table.checks) {
    if (check.name) continue;
    check.name = check.column ?? `CONSTRAINT_${++checkNumber}`;
  }
  const primary = table.indexes.find((i) => i.kind === 'primary');
  for (const col of table.columns) if (primary?.parts.some((p) => p.column.toLowerCase() === col.name.toLowerCase())) col.notNull = true;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** ALTER TABLE's comma-separated actions. Returns a new name for RENAME TO. */
export function alterTable(c: Cursor, table: TableState): string | undefined {
  let rename: string | undefined;
  for (const tokens of splitTopLevel(c.tokens.slice(c.i))) {
    const a = c.sub(tokens);
    const renamed = alterAction(a, table, tokens);
    if (renamed) rename = renamed;
  }
  complete(table);
  return rename;
}

/** Partition maintenance, or partitioning removed: partitioning is reported, not modelled. */
const PARTITION_ACTIONS = ['ADD', 'DROP', 'REORGANIZE', 'COALESCE', 'TRUNCATE', 'EXCHANGE', 'ANALYZE', 'CHECK', 'OPTIMIZE', 'REBUILD', 'REPAIR', 'DISCARD', 'IMPORT', 'CONVERT'];

function alterAction(a: Cursor, table: TableState, tokens: readonly Token[]): string | undefined {
  if (a.accept('REMOVE', 'PARTITIONING')) {
    table.options.other = table.options.other.filter((o) => o !== 'partitioned');
    return undefined;
  }
  if (isWord(tokens[0], ...PARTITION_ACTIONS) && isWord(tokens[1], 'PARTITION')) return undefined;
  if (a.accept('ADD')) {
    if (a.accept('COLUMN') || isColumnStart(a.tokens.slice(a.i))) {
      a.accept('IF', 'NOT', 'EXISTS');
      if (a.isPunct('(')) {
        for (const item of splitTopLevel(a.group())) addItem(a.sub(item), table, item);
        return undefined;
      }
      const parsed = parseColumn(a);
      insertColumn(a, table, parsed.column);
      parsed.indexes.forEach((index) => addIndex(table, index));
      table.checks.push(...parsed.checks);
      table.foreignKeys.push(...parsed.foreignKeys);
      return undefined;
    }
    addConstraint(a, table);
    return undefined;
  }
  if (a.accept('DROP')) return dropAction(a, table), undefined;
  if (a.accept('MODIFY') || a.accept('CHANGE')) {
    const change = isWord(tokens[0], 'CHANGE');
    a.accept('COLUMN');
    a.accept('IF', 'EXISTS');
    const old = change ? a.name() : undefined;
    const parsed = parseColumn(a);
    const from = old ?? parsed.column.name;
    const at = findColumn(a, table, from);
    table.columns.splice(at, 1);
    insertColumn(a, table, parsed.column, at);
    // The column's own check goes with its old definition; the new one may carry another.
    table.checks = [...table.checks.filter((ch) => ch.column?.toLowerCase() !== from.toLowerCase()), ...parsed.checks];
    if (from !== parsed.column.name) renameColumnRefs(table, from, parsed.column.name);
    parsed.indexes.forEach((index) => addIndex(table, index));
    return undefined;
  }
  if (a.accept('RENAME')) {
    if (a.accept('COLUMN')) {
      const from = a.name();
      a.expect('TO');
      const to = a.name();
      (table.columns[findColumn(a, table, from)] as ColumnState).name = to;
      renameColumnRefs(table, from, to);
    } else if (a.accept('INDEX') || a.accept('KEY')) {
      const from = a.name();
      a.expect('TO');
      const index = table.indexes.find((i) => i.name === from);
      if (!index) throw a.error(`no index ${from} on ${table.name}`);
      index.name = a.name();
    } else {
      a.accept('TO') || a.accept('AS');
      return a.qualifiedName();
    }
    return undefined;
  }
  if (a.accept('ALTER')) {
    a.accept('COLUMN');
    const column = table.columns[findColumn(a, table, a.name())] as ColumnState;
    if (a.accept('DROP', 'DEFAULT')) column.dflt = null;
    else {
      a.expect('SET', 'DEFAULT');
      column.dflt = defaultValue(a, column.type);
    }
    return undefined;
  }
  if (a.is('ALGORITHM', 'LOCK')) return undefined;
  if (!parseTableOption(a, table.options) || !a.done) throw a.unsupported(`ALTER TABLE ${a.peek()?.text ?? ''}`.trim());
  return undefined;
}

function dropAction(a: Cursor, table: TableState): void {
  if (a.accept('PRIMARY', 'KEY')) {
    table.indexes = table.indexes.filter((i) => i.kind !== 'primary');
  } else if (a.accept('FOREIGN', 'KEY')) {
    const name = a.name();
    table.foreignKeys = table.foreignKeys.filter((f) => f.name !== name);
  } else if (a.accept('INDEX') || a.accept('KEY')) {
    const name = a.name();
    table.indexes = table.indexes.filter((i) => i.name !== name);
  } else if (a.accept('CONSTRAINT') || a.accept('CHECK')) {
    const name = a.name();
    table.checks = table.checks.filter((ch) => ch.name !== name);
    table.foreignKeys = table.foreignKeys.filter((f) => f.name !== name);
    table.indexes = table.indexes.filter((i) => i.name !== name || i.kind === 'primary');
  } else {
    a.accept('COLUMN');
    a.accept('IF', 'EXISTS');
    const name = a.name();
    table.columns.splice(findColumn(a, table, name), 1);
    // The server removes the column from every key, and a key left empty with it.
    for (const index of table.indexes) index.parts.splice(0, index.parts.length, ...index.parts.filter((p) => p.column.toLowerCase() !== name.toLowerCase()));
    table.indexes = table.indexes.filter((i) => i.parts.length > 0);
    table.checks = table.checks.filter((ch) => ch.column?.toLowerCase() !== name.toLowerCase());
  }
}

function insertColumn(a: Cursor, table: TableState, column: ColumnState, at = table.columns.length): void {
  if (a.accept('FIRST')) table.columns.splice(0, 0, column);
  else if (a.accept('AFTER')) table.columns.splice(findColumn(a, table, a.name()) + 1, 0, column);
  else table.columns.splice(at, 0, column);
  if (!a.done) throw a.error(`unexpected ${a.peek()?.text}`);
}

function findColumn(a: Cursor, table: TableState, name: string): number {
  const at = table.columns.findIndex((col) => col.name.toLowerCase() === name.toLowerCase());
  if (at < 0) throw a.error(`unknown column ${name} in table ${table.name}`);
  return at;
}

function renameColumnRefs(table: TableState, from: string, to: string): void {
  const same = (n: string) => n.toLowerCase() === from.toLowerCase();
  for (const index of table.indexes) index.parts.forEach((p, i) => same(p.column) && (index.parts[i] = { ...p, column: to }));
  for (const fk of table.foreignKeys) fk.columns.forEach((col, i) => same(col) && (fk.columns[i] = to));
}
