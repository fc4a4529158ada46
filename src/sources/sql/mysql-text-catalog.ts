/**
 * MySQL DDL text → the information_schema rows a MariaDB server would report after running it,
 * without a server. The rows then go through the same assembly as a live database, so the two paths
 * share every normalisation. It covers the DDL schemas are written in (tables, keys, foreign keys,
 * checks, ALTER/DROP/RENAME, views, triggers, routines); anything else is refused with its position
 * and the advice to pass a scratch server. Known gap: a view's query is kept as written, while a
 * server re-prints it (see the report in load-mysql-sql.ts callers).
 */
import type { MysqlCatalog } from '../../dialects/mysql/assemble.js';
import type { Row } from '../../dialects/mysql/client.js';
import { canonicalType } from '../../dialects/mysql/normalize.js';
import { identName, isWord, splitTopLevel, type Token } from './lex.js';
import type { LocatedMysqlStatement } from './load-mysql-sql.js';
import { Cursor, spanText } from './mysql-text/cursor.js';
import { isStringType, type ColumnState } from './mysql-text/definitions.js';
import { alterTable, createTableBody, newTable, type TableState } from './mysql-text/table.js';

/** MariaDB 10.x with utf8mb4 as the server character set: the tested engine's defaults. */
const DATABASE_COLLATION = 'utf8mb4_general_ci';
const DEFAULT_COLLATIONS: Record<string, string> = {
  utf8mb4: 'utf8mb4_general_ci',
  utf8mb3: 'utf8mb3_general_ci',
  latin1: 'latin1_swedish_ci',
  latin2: 'latin2_general_ci',
  ascii: 'ascii_general_ci',
  binary: 'binary',
  ucs2: 'ucs2_general_ci',
  utf16: 'utf16_general_ci',
  utf32: 'utf32_general_ci',
  cp1251: 'cp1251_general_ci',
};

interface TextState {
  readonly tables: Map<string, TableState>;
  readonly views: Map<string, Row>;
  readonly triggers: Map<string, Row>;
  readonly routines: Map<string, { routine: Row; params: Row[] }>;
  /** Event names: events are not represented in the schema model, only reported (as the server reader does). */
  readonly events: Set<string>;
}

export function catalogFromText(statements: readonly LocatedMysqlStatement[]): MysqlCatalog {
  const state: TextState = { tables: new Map(), views: new Map(), triggers: new Map(), routines: new Map(), events: new Set() };
  for (const s of statements) apply(new Cursor(s.tokens, s.source), state);
  return toCatalog(state);
}

function apply(c: Cursor, state: TextState): void {
  if (c.accept('CREATE')) return create(c, state);
  if (c.accept('ALTER', 'TABLE')) {
    const table = existing(c, state, c.qualifiedName());
    const renamed = alterTable(c, table);
    if (renamed) renameTable(state, table.name, renamed);
    return;
  }
  if (c.accept('ALTER', 'EVENT')) {
    const name = c.qualifiedName();
    if (!state.events.delete(name)) throw c.error(`unknown event ${name}`);
    state.events.add(c.tokens.findIndex((t, i) => i >= c.i && isWord(t, 'RENAME')) >= 0 ? renamedEvent(c) : name);
    return;
  }
  if (c.accept('DROP')) return drop(c, state);
  if (c.accept('RENAME', 'TABLE')) {
    for (const pair of splitTopLevel(c.tokens.slice(c.i))) {
      const p = c.sub(pair);
      const from = existing(p, state, p.qualifiedName()).name;
      p.expect('TO');
      renameTable(state, from, p.qualifiedName());
    }
    return;
  }
  throw c.unsupported(`the statement ${c.peek()?.text ?? ''}`.trim());
}

function create(c: Cursor, state: TextState): void {
  const flags = new Set<string>();
  let security: string | undefined;
  // Prefix clauses: OR REPLACE, ALGORITHM=, DEFINER=user@host, SQL SECURITY, UNIQUE/FULLTEXT/SPATIAL.
  while (!c.done && !c.is('TABLE', 'INDEX', 'VIEW', 'TRIGGER', 'FUNCTION', 'PROCEDURE')) {
    if (c.accept('SQL', 'SECURITY')) security = c.next().text.toUpperCase();
    else if (c.accept('EVENT')) return createEvent(c, state);
    else if (c.is('TEMPORARY', 'DATABASE', 'SCHEMA', 'SEQUENCE', 'USER', 'ROLE', 'SERVER', 'TABLESPACE')) throw c.unsupported(`CREATE ${c.peek()?.text}`);
    else flags.add(c.next().text.toUpperCase());
  }
  const kind = c.next().text.toUpperCase();
  const ifNotExists = c.accept('IF', 'NOT', 'EXISTS');
  if (kind === 'TABLE') return createTable(c, state, ifNotExists);
  if (kind === 'INDEX') return createIndex(c, state, flags);
  if (kind === 'VIEW') return createView(c, state, flags.has('REPLACE'), security);
  if (kind === 'TRIGGER') return createTrigger(c, state);
  return createRoutine(c, state, kind === 'FUNCTION' ? 'FUNCTION' : 'PROCEDURE');
}

function createTable(c: Cursor, state: TextState, ifNotExists: boolean): void {
  const name = c.qualifiedName();
  if (state.tables.has(name)) {
    if (ifNotExists) return;
    throw c.error(`table ${name} already exists`, c.tokens[0]);
  }
  if (c.accept('LIKE')) {
    const source = existing(c, state, c.qualifiedName());
    state.tables.set(name, { ...structuredClone(source), name });
    return;
  }
  if (!c.isPunct('(')) throw c.unsupported('CREATE TABLE without a column list');
  const table = newTable(name);
  createTableBody(c, table);
  state.tables.set(name, table);
}

/** `CREATE EVENT [IF NOT EXISTS] name ...`: only the name is kept (the model reports events, as the server reader does). */
function createEvent(c: Cursor, state: TextState): void {
  const ifNotExists = c.accept('IF', 'NOT', 'EXISTS');
  const name = c.qualifiedName();
  if (state.events.has(name) && !ifNotExists) throw c.error(`event ${name} already exists`, c.tokens[0]);
  state.events.add(name);
}

/** `ALTER EVENT name ... RENAME TO new ...`: the new name. */
function renamedEvent(c: Cursor): string {
  const at = c.tokens.findIndex((t, i) => i >= c.i && isWord(t, 'RENAME'));
  const rest = c.sub(c.tokens.slice(at + 1));
  rest.expect('TO');
  return rest.qualifiedName();
}

function createIndex(c: Cursor, state: TextState, flags: ReadonlySet<string>): void {
  const indexName = c.name();
  c.accept('USING') && c.next();
  c.expect('ON');
  const table = existing(c, state, c.qualifiedName());
  const keyword = flags.has('UNIQUE') ? 'UNIQUE' : flags.has('FULLTEXT') ? 'FULLTEXT' : flags.has('SPATIAL') ? 'SPATIAL' : 'INDEX';
  // ALGORITHM= and LOCK= say how to build the index, not what it is.
  const rest: Token[] = [];
  for (let i = c.i; i < c.tokens.length; i++) {
    const t = c.tokens[i] as Token;
    if (isWord(t, 'ALGORITHM', 'LOCK')) i += c.tokens[i + 1]?.text === '=' ? 2 : 1;
    else rest.push(t);
  }
  const synthetic: Token[] = [{ kind: 'word', text: 'ADD', offset: c.tokens[0]?.offset ?? 0 }, { kind: 'word', text: keyword, offset: 0 }, { kind: 'quoted', text: `\`${indexName.replace(/`/g, '``')}\``, offset: 0 }, ...rest];
  alterTable(c.sub(synthetic), table);
}

function createView(c: Cursor, state: TextState, replace: boolean, security: string | undefined): void {
  const name = c.qualifiedName();
  if (state.views.has(name) && !replace) throw c.error(`view ${name} already exists`, c.tokens[0]);
  const explicit = c.isPunct('(') ? splitTopLevel(c.group()).map((p) => identName(p[0] as Token)) : undefined;
  c.expect('AS');
  let end = c.tokens.length;
  let checkOption = 'NONE';
  const withAt = c.tokens.findIndex((t, i) => i >= c.i && isWord(t, 'WITH') && c.tokens.slice(i + 1).some((u) => isWord(u, 'CHECK')) && isWord(c.tokens[c.tokens.length - 1], 'OPTION'));
  if (withAt >= 0) {
    checkOption = isWord(c.tokens[withAt + 1], 'LOCAL') ? 'LOCAL' : 'CASCADED';
    end = withAt;
  }
  const query = c.tokens.slice(c.i, end);
  state.views.set(name, { name, def: spanText(query, c.source), check_option: checkOption, security: security ?? 'DEFINER', columns: explicit ?? selectColumns(query, state) });
}

/** Output names of a simple SELECT: aliases, last part of qualified names, `*` of one known table. */
function selectColumns(query: readonly Token[], state: TextState): string[] {
  const fromAt = query.findIndex((t, i) => isWord(t, 'FROM') && depthAt(query, i) === 0);
  const list = splitTopLevel(query.slice(isWord(query[1], 'DISTINCT') ? 2 : 1, fromAt < 0 ? query.length : fromAt));
  return list.flatMap((item) => {
    const last = item[item.length - 1] as Token;
    if (last.text === '*') {
      const table = state.tables.get(identName(query[fromAt + 1] as Token));
      return table ? table.columns.map((col) => col.name) : [];
    }
    return [identName(last)];
  });
}

function depthAt(tokens: readonly Token[], at: number): number {
  let depth = 0;
  for (let i = 0; i < at; i++) depth += tokens[i]?.text === '(' ? 1 : tokens[i]?.text === ')' ? -1 : 0;
  return depth;
}

function createTrigger(c: Cursor, state: TextState): void {
  const name = c.qualifiedName();
  const timing = c.next().text.toUpperCase();
  const event = c.next().text.toUpperCase();
  c.expect('ON');
  const table = existing(c, state, c.qualifiedName()).name;
  c.expect('FOR', 'EACH', 'ROW');
  if (c.is('FOLLOWS', 'PRECEDES')) c.i += 2;
  state.triggers.set(name, { name, event, tbl: table, timing, body: spanText(c.tokens.slice(c.i), c.source) });
}

function createRoutine(c: Cursor, state: TextState, kind: 'FUNCTION' | 'PROCEDURE'): void {
  const name = c.qualifiedName();
  const params = splitTopLevel(c.group()).map((tokens, i) => {
    const p = c.sub(tokens);
    const mode = kind === 'PROCEDURE' ? (p.is('IN', 'OUT', 'INOUT') ? p.next().text.toUpperCase() : 'IN') : null;
    const paramName = p.name();
    return { routine: name, kind, pos: i + 1, mode, name: paramName, type: canonicalType(spanText(p.tokens.slice(p.i), c.source)) };
  });
  const routine: Row = { name, kind, returns: null, is_deterministic: 'NO', data_access: 'CONTAINS SQL', security: 'DEFINER', comment: '' };
  if (c.accept('RETURNS')) {
    const start = c.i;
    while (!c.done && !isCharacteristic(c)) c.next();
    routine.returns = canonicalType(c.text(start, c.i));
  }
  while (!c.done && isCharacteristic(c)) {
    if (c.accept('COMMENT')) routine.comment = c.string();
    else if (c.accept('LANGUAGE', 'SQL')) continue;
    else if (c.accept('NOT', 'DETERMINISTIC')) routine.is_deterministic = 'NO';
    else if (c.accept('DETERMINISTIC')) routine.is_deterministic = 'YES';
    else if (c.accept('SQL', 'SECURITY')) routine.security = c.next().text.toUpperCase();
    else {
      const words = c.accept('CONTAINS', 'SQL') ? 'CONTAINS SQL' : c.accept('NO', 'SQL') ? 'NO SQL' : c.accept('READS', 'SQL', 'DATA') ? 'READS SQL DATA' : (c.expect('MODIFIES', 'SQL', 'DATA'), 'MODIFIES SQL DATA');
      routine.data_access = words;
    }
  }
  routine.body = spanText(c.tokens.slice(c.i), c.source);
  state.routines.set(`${kind}:${name}`, { routine, params });
}

function isCharacteristic(c: Cursor): boolean {
  return c.is('COMMENT', 'LANGUAGE', 'DETERMINISTIC', 'SQL', 'CONTAINS', 'READS', 'MODIFIES') || (c.is('NOT') && isWord(c.peek(1), 'DETERMINISTIC')) || (c.is('NO') && isWord(c.peek(1), 'SQL'));
}

function drop(c: Cursor, state: TextState): void {
  c.accept('TEMPORARY');
  const kind = c.next().text.toUpperCase();
  const ifExists = c.accept('IF', 'EXISTS');
  if (kind === 'INDEX') {
    const index = c.name();
    c.expect('ON');
    const table = existing(c, state, c.qualifiedName());
    table.indexes = table.indexes.filter((i) => i.name !== index);
    return;
  }
  for (const item of splitTopLevel(c.tokens.slice(c.i))) {
    const name = c.sub(item).qualifiedName();
    const found = kind === 'TABLE' ? state.tables.delete(name) : kind === 'EVENT' ? state.events.delete(name) : kind === 'VIEW' ? state.views.delete(name) : kind === 'TRIGGER' ? state.triggers.delete(name) : state.routines.delete(`${kind}:${name}`);
    if (kind === 'TABLE') for (const [key, t] of state.triggers) if (t.tbl === name) state.triggers.delete(key);
    if (!found && !ifExists) throw c.error(`unknown ${kind.toLowerCase()} ${name}`, item[0]);
  }
}

function existing(c: Cursor, state: TextState, name: string): TableState {
  const table = state.tables.get(name);
  if (!table) throw c.error(`unknown table ${name}`);
  return table;
}

function renameTable(state: TextState, from: string, to: string): void {
  const table = state.tables.get(from) as TableState;
  state.tables.delete(from);
  table.name = to;
  state.tables.set(to, table);
  for (const t of state.tables.values()) for (const fk of t.foreignKeys) if (fk.refTable === from) (fk as { refTable: string }).refTable = to;
  for (const trigger of state.triggers.values()) if (trigger.tbl === from) trigger.tbl = to;
}

function toCatalog(state: TextState): MysqlCatalog {
  const tables: Row[] = [];
  const columns: Row[] = [];
  const statistics: Row[] = [];
  const foreignKeys: Row[] = [];
  const checks: Row[] = [];
  for (const t of state.tables.values()) {
    const collation = collationOf(t.options.charset, t.options.collation) ?? DATABASE_COLLATION;
    tables.push({ name: t.name, type: 'BASE TABLE', engine: t.options.engine ?? 'InnoDB', collation, options: t.options.other.join(' '), comment: t.options.comment ?? '' });
    t.columns.forEach((col, i) => columns.push(columnRow(t.name, col, i + 1, collation)));
    for (const index of t.indexes) {
      index.parts.forEach((p, i) =>
        statistics.push({
          TABLE_NAME: t.name,
          INDEX_NAME: index.name,
          NON_UNIQUE: index.kind === 'primary' || index.kind === 'unique' ? '0' : '1',
          SEQ_IN_INDEX: i + 1,
          COLUMN_NAME: p.column,
          SUB_PART: p.subPart,
          COLLATION: index.kind === 'fulltext' || index.kind === 'spatial' ? null : p.desc ? 'D' : 'A',
          INDEX_TYPE: index.kind === 'fulltext' ? 'FULLTEXT' : index.kind === 'spatial' ? 'SPATIAL' : longUnique(t, index) ? 'HASH' : (index.using ?? 'BTREE'),
          INDEX_COMMENT: index.comment,
        }),
      );
    }
    for (const fk of t.foreignKeys) {
      fk.columns.forEach((col, i) => foreignKeys.push({ tbl: t.name, name: fk.name, col, pos: i + 1, ref_schema: null, ref_table: fk.refTable, ref_col: fk.refColumns[i], on_update: fk.onUpdate, on_delete: fk.onDelete }));
    }
    for (const check of t.checks) checks.push({ tbl: t.name, name: check.name, clause: check.clause, LEVEL: check.column ? 'Column' : 'Table' });
  }
  const views = [...state.views.values()];
  for (const v of views) {
    tables.push({ name: v.name, type: 'VIEW' });
    (v.columns as string[]).forEach((name, i) => columns.push({ tbl: v.name, name, pos: i + 1, type: '', nullable: 'YES', dflt: null, extra: '' }));
  }
  const routines = [...state.routines.values()];
  return {
    flavor: 'mariadb',
    database: '',
    databaseCollation: DATABASE_COLLATION,
    tables,
    columns,
    statistics,
    foreignKeys,
    checks,
    views,
    triggers: [...state.triggers.values()],
    routines: routines.map((r) => r.routine),
    parameters: routines.flatMap((r) => r.params),
    events: [...state.events].sort().map((name) => ({ name })),
  };
}

/** InnoDB's key length limit: longer UNIQUE keys MariaDB keeps as a hash of the values (USING HASH). */
const MAX_KEY_BYTES = 3072;
const BYTES_PER_CHAR: Record<string, number> = { utf8mb4: 4, utf8mb3: 3, utf8: 3, utf16: 4, utf32: 4, ucs2: 2, latin1: 1, ascii: 1, binary: 1 };

/** A UNIQUE key on a whole TEXT/BLOB column, or longer than InnoDB allows: MariaDB makes it a hash key. */
function longUnique(t: TableState, index: TableState['indexes'][number]): boolean {
  if (index.kind !== 'unique' || index.using) return false;
  const tableCharset = /^[a-z0-9]+/.exec(collationOf(t.options.charset, t.options.collation) ?? DATABASE_COLLATION)?.[0] ?? 'utf8mb4';
  let bytes = 0;
  for (const part of index.parts) {
    const col = t.columns.find((c) => c.name.toLowerCase() === part.column.toLowerCase());
    if (!col) return false;
    if (/^(tiny|medium|long)?(text|blob)$|^json$/.test(col.type) && part.subPart === null) return true;
    const chars = /^(var)?(char|binary)\((\d+)\)/.exec(col.type);
    if (!chars) continue;
    const charset = /^[a-z0-9]+/.exec(collationOf(col.charset, col.collation) ?? '')?.[0] ?? tableCharset;
    bytes += (part.subPart ?? Number(chars[3])) * (chars[2] === 'binary' ? 1 : (BYTES_PER_CHAR[charset] ?? 4));
  }
  return bytes > MAX_KEY_BYTES;
}

function columnRow(table: string, col: ColumnState, pos: number, tableCollation: string): Row {
  const collation = isStringType(col.type) ? columnCollation(col, tableCollation) : null;
  return {
    tbl: table,
    name: col.name,
    pos,
    type: col.type,
    data_type: col.type.replace(/[( ].*$/, ''),
    nullable: col.notNull ? 'NO' : 'YES',
    dflt: col.dflt,
    extra: col.extra.join(' '),
    gen: col.gen,
    collation,
    comment: col.comment,
  };
}

/** An explicit COLLATE wins; BINARY picks the `_bin` collation of the column's (or the table's) character set. */
function columnCollation(col: ColumnState, tableCollation: string): string {
  const declared = collationOf(col.charset, col.collation);
  if (col.collation || !col.binary) return declared ?? tableCollation;
  const charset = /^[a-z0-9]+/.exec(declared ?? tableCollation)?.[0] ?? 'utf8mb4';
  return `${charset}_bin`;
}

/** `utf8` is `utf8mb3` on current servers; a charset alone means its default collation. */
function collationOf(charset: string | undefined, collation: string | undefined): string | undefined {
  if (collation) return collation.replace(/^utf8_/, 'utf8mb3_');
  if (!charset) return undefined;
  const set = charset === 'utf8' ? 'utf8mb3' : charset;
  return DEFAULT_COLLATIONS[set] ?? `${set}_general_ci`;
}
