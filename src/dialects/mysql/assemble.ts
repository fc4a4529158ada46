/**
 * information_schema rows → the schema model, with MySQL's meaning and one canonical spelling (see
 * normalize.ts). Conventions of the MySQL model:
 * - objects are keyed by bare name (schema ''): the database name is not part of the schema;
 * - enum/set types stay on their columns (`enum('a','b')`), `schema.enums` stays empty;
 * - the primary key is the constraint `PRIMARY`; foreign keys and checks are constraints; every
 *   other key, UNIQUE included, is an index (MySQL has no unique constraint apart from its index),
 *   including the index InnoDB creates for a foreign key that has none: it is in the database, so it
 *   is in the model, whichever path it came from;
 * - table options in `Table.extra` (`engine`, `collation` when not the database default, `options`),
 *   column extras in `Column.extra` (`autoIncrement`, `onUpdate`, `generated`, `invisible`);
 *   `Column.collation` only when it differs from the table's;
 * - MariaDB's `json` (longtext + `json_valid` check) reads as `json`, as MySQL's does.
 */
import type { Column, Constraint, Index, Routine, Schema, Table, Trigger, Unsupported, View } from '../../core/model.js';
import { compareText, emptySchema, sortedRecord } from '../../core/model.js';
import { canonicalSql, identName, lex, significant } from '../../sources/sql/lex.js';
import type { Row } from './client.js';
import { canonicalMysqlExpr, quoteString } from './expression.js';
import { quoteMysqlIdent } from './names.js';
import { canonicalNow, canonicalType, mariadbDefault, mysqlDefault, type MysqlFlavor } from './normalize.js';

export interface MysqlCatalog {
  readonly flavor: MysqlFlavor;
  readonly database: string;
  readonly databaseCollation: string;
  readonly tables: readonly Row[];
  readonly columns: readonly Row[];
  readonly statistics: readonly Row[];
  readonly foreignKeys: readonly Row[];
  readonly checks: readonly Row[];
  readonly views: readonly Row[];
  readonly triggers: readonly Row[];
  readonly routines: readonly Row[];
  readonly parameters: readonly Row[];
  readonly events: readonly Row[];
}

const MYSQL_KEYWORDS: ReadonlySet<string> = new Set(
  `ALL AND AS ASC BEGIN BETWEEN BY CASE CREATE DECLARE DEFAULT DELETE DESC DISTINCT DO EACH ELSE ELSEIF END EXISTS FOR FROM GROUP
  HAVING IF IN INSERT INTO IS JOIN LEFT LIMIT LOOP NEW NOT NULL OLD ON OR ORDER REPEAT RETURN ROW SELECT SET SIGNAL SQLSTATE THEN
  UNION UPDATE VALUES WHEN WHERE WHILE`.split(/\s+/),
);

export function assembleMysql(catalog: MysqlCatalog): Schema {
  const by = <T extends Row>(rows: readonly T[], key: string) => groupBy(rows, (r) => String(r[key]));
  const columns = by(catalog.columns, 'tbl');
  const statistics = by(catalog.statistics, 'TABLE_NAME');
  const foreignKeys = by(catalog.foreignKeys, 'tbl');
  const checks = by(catalog.checks, 'tbl');
  const triggers = by(catalog.triggers, 'tbl');
  const unsupported: Unsupported[] = catalog.events.map((e) => ({ kind: 'event', name: String(e.name), detail: `event ${e.name} is not represented in the schema model` }));
  const tables: Record<string, Table> = {};
  const views: Record<string, View> = {};
  const dependencies: Record<string, string[]> = {};
  const viewRows = new Map(catalog.views.map((v) => [String(v.name), v]));
  for (const t of catalog.tables) {
    const name = String(t.name);
    const cols = columns.get(name) ?? [];
    if (t.type === 'VIEW') {
      const view = toView(catalog, viewRows.get(name) ?? {}, name, cols);
      views[name] = view;
      const used = referencedNames(view.definition, catalog.tables).filter((key) => key !== `view:${name}`);
      if (used.length > 0) dependencies[`view:${name}`] = used;
      continue;
    }
    if (t.type !== 'BASE TABLE' && t.type !== 'SYSTEM VERSIONED') {
      unsupported.push({ kind: String(t.type).toLowerCase(), name, detail: `${String(t.type).toLowerCase()} ${name} is not represented in the schema model` });
      continue;
    }
    if (/partitioned/i.test(String(t.options ?? ''))) unsupported.push({ kind: 'partitioning', name, detail: `partitioning of table ${name} is not represented in the schema model` });
    const table = toTable(catalog, t, cols, statistics.get(name) ?? [], foreignKeys.get(name) ?? [], checks.get(name) ?? [], triggers.get(name) ?? []);
    tables[name] = table;
    const targets = Object.values(table.constraints).flatMap((c) => (c.references && c.references.table !== name ? [`table:${c.references.table}`] : []));
    if (targets.length > 0) dependencies[`table:${name}`] = [...new Set(targets)].sort(compareText);
  }
  return {
    ...emptySchema('mysql'),
    tables: sortedRecord(tables),
    views: sortedRecord(views),
    routines: sortedRecord(toRoutines(catalog)),
    dependencies: sortedRecord(dependencies),
    unsupported: unsupported.sort((a, b) => compareText(`${a.kind}:${a.name}`, `${b.kind}:${b.name}`)),
  };
}

function toTable(catalog: MysqlCatalog, t: Row, cols: Row[], stats: Row[], fks: Row[], checkRows: Row[], triggerRows: Row[]): Table {
  const name = String(t.name);
  const tableCollation = String(t.collation ?? '');
  // MariaDB's json: a longtext with a json_valid(column) check named after the column.
  const jsonColumns = new Set(
    checkRows.filter((c) => c.name === cols.find((col) => col.name === c.name && col.data_type === 'longtext')?.name && isJsonValid(String(c.clause), String(c.name))).map((c) => String(c.name)),
  );
  const extra: Record<string, string> = {};
  if (t.engine) extra.engine = String(t.engine);
  if (tableCollation && tableCollation !== catalog.databaseCollation) extra.collation = tableCollation;
  const options = String(t.options ?? '').split(/\s+/).filter((o) => o && !/^partitioned$/i.test(o)).sort(compareText).join(' ');
  if (options) extra.options = options;
  return compact({
    schema: '',
    name,
    columns: cols.map((c) => toColumn(catalog.flavor, c, tableCollation, jsonColumns.has(String(c.name)))),
    constraints: sortedRecord({ ...primaryKey(stats), ...foreignKeyConstraints(catalog, fks), ...checkConstraints(checkRows, jsonColumns) }),
    indexes: indexes(name, stats),
    triggers: sortedRecord(Object.fromEntries(triggerRows.map((r) => [String(r.name), toTrigger(r)]))),
    policies: {},
    comment: t.comment ? String(t.comment) : undefined,
    extra: sortedRecord(extra),
  } as Table);
}

function isJsonValid(clause: string, column: string): boolean {
  return canonicalMysqlExpr(clause) === `json_valid(${quoteMysqlIdent(column.toLowerCase())})`;
}

function toColumn(flavor: MysqlFlavor, c: Row, tableCollation: string, json: boolean): Column {
  const type = json ? 'json' : canonicalType(String(c.type));
  const rawExtra = String(c.extra ?? '');
  const extra: Record<string, string> = {};
  if (/auto_increment/i.test(rawExtra)) extra.autoIncrement = 'true';
  const onUpdate = /on update (\S+)/i.exec(rawExtra)?.[1];
  if (onUpdate) extra.onUpdate = canonicalNow(onUpdate) ?? onUpdate.toLowerCase();
  const generated = /\b(VIRTUAL|STORED|PERSISTENT) GENERATED\b/i.exec(rawExtra)?.[1];
  if (generated) extra.generated = generated.toUpperCase() === 'VIRTUAL' ? 'virtual' : 'stored';
  if (/\bINVISIBLE\b/i.test(rawExtra)) extra.invisible = 'true';
  const collation = c.collation && !json && c.collation !== tableCollation ? String(c.collation) : undefined;
  const dflt = generated ? undefined : flavor === 'mariadb' ? mariadbDefault(c.dflt ?? null, type) : mysqlDefault(c.dflt ?? null, type, rawExtra);
  return compact({
    name: String(c.name),
    type,
    notNull: c.nullable === 'NO',
    default: dflt,
    generated: generated ? canonicalMysqlExpr(String(c.gen ?? '')) : undefined,
    collation,
    comment: c.comment ? String(c.comment) : undefined,
    extra: Object.keys(extra).length > 0 ? sortedRecord(extra) : undefined,
  });
}

function primaryKey(stats: Row[]): Record<string, Constraint> {
  const rows = stats.filter((s) => s.INDEX_NAME === 'PRIMARY');
  if (rows.length === 0) return {};
  const keys = rows.map(keyPart);
  return { PRIMARY: { name: 'PRIMARY', kind: 'primary_key', definition: `PRIMARY KEY (${keys.join(', ')})`, columns: rows.map((r) => String(r.COLUMN_NAME)), validated: true } };
}

function foreignKeyConstraints(catalog: MysqlCatalog, rows: Row[]): Record<string, Constraint> {
  const out: Record<string, Constraint> = {};
  for (const [name, parts] of groupBy(rows, (r) => String(r.name))) {
    const sorted = [...parts].sort((a, b) => Number(a.pos) - Number(b.pos));
    const first = sorted[0] as Row;
    const table = first.ref_schema && first.ref_schema !== catalog.database ? `${first.ref_schema}.${first.ref_table}` : String(first.ref_table);
    const columns = sorted.map((r) => String(r.col));
    const refColumns = sorted.map((r) => String(r.ref_col));
    // InnoDB treats NO ACTION as RESTRICT; MariaDB reports RESTRICT for an unspecified action, MySQL 8 NO ACTION.
    const action = (a: unknown) => (String(a ?? 'RESTRICT').toUpperCase() === 'NO ACTION' ? 'RESTRICT' : String(a ?? 'RESTRICT').toUpperCase());
    const onDelete = action(first.on_delete);
    const onUpdate = action(first.on_update);
    const list = (names: string[]) => names.map(quoteMysqlIdent).join(', ');
    out[name] = {
      name,
      kind: 'foreign_key',
      definition: `FOREIGN KEY (${list(columns)}) REFERENCES ${table.split('.').map(quoteMysqlIdent).join('.')} (${list(refColumns)}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`,
      columns,
      references: { table, columns: refColumns, onDelete, onUpdate },
      validated: true,
    };
  }
  return out;
}

function checkConstraints(rows: Row[], jsonColumns: ReadonlySet<string>): Record<string, Constraint> {
  const out: Record<string, Constraint> = {};
  for (const r of rows) {
    const name = String(r.name);
    if (jsonColumns.has(name) && isJsonValid(String(r.clause), name)) continue;
    // A MariaDB column-level check (named after its column) is written, added and dropped with its
    // column, not as a table constraint: its column marks it.
    const columnLevel = String(r.LEVEL ?? '').toLowerCase() === 'column';
    out[name] = { name, kind: 'check', definition: `CHECK (${canonicalMysqlExpr(String(r.clause))})`, columns: columnLevel ? [name] : [], validated: true };
  }
  return out;
}

function indexes(table: string, stats: Row[]): Record<string, Index> {
  const out: Record<string, Index> = {};
  for (const [name, parts] of groupBy(stats, (s) => String(s.INDEX_NAME))) {
    if (name === 'PRIMARY') continue;
    const sorted = [...parts].sort((a, b) => Number(a.SEQ_IN_INDEX) - Number(b.SEQ_IN_INDEX));
    const first = sorted[0] as Row;
    const method = String(first.INDEX_TYPE ?? 'BTREE').toLowerCase();
    const unique = String(first.NON_UNIQUE) === '0';
    const keys = sorted.map(keyPart);
    const kind = method === 'fulltext' ? 'FULLTEXT ' : method === 'spatial' ? 'SPATIAL ' : unique ? 'UNIQUE ' : '';
    const using = method === 'hash' ? ' USING HASH' : '';
    const comment = first.INDEX_COMMENT ? String(first.INDEX_COMMENT) : undefined;
    out[name] = compact({
      name,
      unique,
      method,
      keys,
      definition: `CREATE ${kind}INDEX ${quoteMysqlIdent(name)} ON ${quoteMysqlIdent(table)} (${keys.join(', ')})${using}${comment ? ` COMMENT ${quoteString(comment)}` : ''}`,
      comment,
    });
  }
  return sortedRecord(out);
}

/** `col`, `col(10)` (prefix), `col DESC`, or `(expr)` for a functional key part (MySQL 8). */
function keyPart(s: Row): string {
  const base = s.COLUMN_NAME ? quoteMysqlIdent(String(s.COLUMN_NAME)) : `(${canonicalMysqlExpr(String(s.EXPRESSION ?? ''))})`;
  const prefix = s.SUB_PART !== null && s.SUB_PART !== undefined ? `(${Number(s.SUB_PART)})` : '';
  return `${base}${prefix}${s.COLLATION === 'D' ? ' DESC' : ''}`;
}

function toTrigger(r: Row): Trigger {
  const body = canonicalSql(lex(String(r.body), { mysql: true }), MYSQL_KEYWORDS);
  return { name: String(r.name), definition: `CREATE TRIGGER ${quoteMysqlIdent(String(r.name))} ${r.timing} ${r.event} ON ${quoteMysqlIdent(String(r.tbl))} FOR EACH ROW ${body}` };
}

function toView(catalog: MysqlCatalog, v: Row, name: string, cols: Row[]): View {
  // The server qualifies every name with the database; that name differs between scratch and live.
  const qualifier = `\`${catalog.database.replace(/`/g, '``')}\`.`;
  const query = String(v.def ?? '').split(qualifier).join('');
  const options: string[] = [];
  if (v.check_option && v.check_option !== 'NONE') options.push(`check_option=${String(v.check_option).toLowerCase()}`);
  if (v.security && v.security !== 'DEFINER') options.push(`security=${String(v.security).toLowerCase()}`);
  return compact({
    schema: '',
    name,
    materialized: false,
    definition: canonicalSql(lex(query, { mysql: true }), MYSQL_KEYWORDS),
    columns: cols.map((c) => String(c.name)),
    options: options.length > 0 ? options : undefined,
    indexes: {},
  });
}

function toRoutines(catalog: MysqlCatalog): Record<string, Routine> {
  const params = groupBy(catalog.parameters, (p) => `${p.kind}:${p.routine}`);
  const out: Record<string, Routine> = {};
  for (const r of catalog.routines) {
    const kind = String(r.kind).toUpperCase() === 'PROCEDURE' ? 'procedure' : 'function';
    const args = (params.get(`${r.kind}:${r.name}`) ?? [])
      .sort((a, b) => Number(a.pos) - Number(b.pos))
      .map((p) => `${kind === 'procedure' ? `${String(p.mode ?? 'IN').toUpperCase()} ` : ''}${quoteMysqlIdent(String(p.name))} ${canonicalType(String(p.type))}`);
    const returns = kind === 'function' ? canonicalType(String(r.returns)) : undefined;
    const characteristics = [
      r.is_deterministic === 'YES' ? 'DETERMINISTIC' : '',
      r.data_access && r.data_access !== 'CONTAINS SQL' ? String(r.data_access) : '',
      r.security === 'INVOKER' ? 'SQL SECURITY INVOKER' : '',
      r.comment ? `COMMENT ${quoteString(String(r.comment))}` : '',
    ].filter(Boolean);
    const body = canonicalSql(lex(String(r.body ?? ''), { mysql: true }), MYSQL_KEYWORDS);
    const head = `CREATE ${kind.toUpperCase()} ${quoteMysqlIdent(String(r.name))}(${args.join(', ')})${returns ? ` RETURNS ${returns}` : ''}`;
    out[`${r.name}(${args.join(', ')})`] = compact({
      schema: '',
      name: String(r.name),
      kind,
      args,
      returns,
      language: 'SQL',
      definition: [head, ...characteristics, body].join(' '),
      comment: r.comment ? String(r.comment) : undefined,
    } as Routine);
  }
  return out;
}

/** Tables and views a view's query names. */
function referencedNames(sql: string, tables: readonly Row[]): string[] {
  const known = new Map(tables.map((t) => [String(t.name), t.type === 'VIEW' ? 'view' : 'table']));
  const found = new Set<string>();
  for (const t of significant(lex(sql, { mysql: true }))) {
    if (t.kind !== 'word' && t.kind !== 'quoted') continue;
    const kind = known.get(identName(t));
    if (kind) found.add(`${kind}:${identName(t)}`);
  }
  return [...found].sort(compareText);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
