/**
 * Changes MySQL makes with ALTER TABLE, as clauses: each knows the online-DDL algorithm and lock
 * the server can use for it, so several clauses of one table can share one statement (one table
 * copy instead of many) and the statement can say `ALGORITHM=...`, `LOCK=...`.
 *
 * Algorithms, for InnoDB on MySQL 8.0.29+ and MariaDB 10.4+ (older servers refuse some INSTANT
 * hints, which stops the statement instead of copying the table):
 * - INSTANT: add column (MySQL before 8.0.29: only as last column), drop column, set/drop default,
 *   comment, appending enum/set values within the same storage size;
 * - INPLACE, LOCK=NONE: add/drop index, rename column, NULL/NOT NULL, varchar widening within the
 *   same length-byte size, add primary key on NOT NULL columns, drop + add primary key together,
 *   drop foreign key, drop check, table comment;
 * - INPLACE, LOCK=SHARED: FULLTEXT and SPATIAL indexes, columns added to or dropped from a table with a FULLTEXT index;
 * - COPY (no hint, a TABLE_REWRITE warning): other type and collation changes, AUTO_INCREMENT,
 *   generated columns, add check, add foreign key (with foreign_key_checks on), drop primary key
 *   alone, engine/charset/row format.
 */
import type { Change, ChangeOf } from '../../../core/change.js';
import { hazard, type Hazard } from '../../../core/hazard.js';
import type { Column, Table } from '../../../core/model.js';
import type { RenderContext } from '../../../plan/dialect.js';
import { enumValues } from '../normalize.js';
import { quoteString } from '../expression.js';
import { columnCheck, columnDefinition, constraintBody, defaultSql, dropConstraintClause, indexBody, q } from './sql-parts.js';

export type Algorithm = 'INSTANT' | 'INPLACE' | 'COPY';
const STRENGTH: Record<Algorithm, number> = { INSTANT: 2, INPLACE: 1, COPY: 0 };

export interface Clause {
  readonly sql: string;
  /** Position inside a statement: drops, then renames, adds, modifies, keys, indexes, options. */
  readonly order: number;
  readonly algorithm: Algorithm;
  readonly lock?: 'NONE' | 'SHARED';
  /** What forces a table copy, for the warning. */
  readonly why?: string;
}

export interface AlterPiece {
  readonly table: string;
  readonly forward: readonly Clause[];
  readonly reverse: readonly Clause[];
  readonly hazards: readonly Hazard[];
  readonly lossy?: string;
  /** Kept in its own statement: foreign keys depend on other tables and are ordered with them. */
  readonly alone?: boolean;
}

const instant = (sql: string, order: number): Clause => ({ sql, order, algorithm: 'INSTANT' });
const inplace = (sql: string, order: number, lock: 'NONE' | 'SHARED' = 'NONE'): Clause => ({ sql, order, algorithm: 'INPLACE', lock });
const copy = (sql: string, order: number, why: string): Clause => ({ sql, order, algorithm: 'COPY', why });

function columnPosition(table: Table | undefined, name: string): string {
  if (!table) return '';
  const index = table.columns.findIndex((c) => c.name === name);
  if (index < 0 || index === table.columns.length - 1) return '';
  return index === 0 ? ' FIRST' : ` AFTER ${q((table.columns[index - 1] as Column).name)}`;
}

function addColumnClause(table: Table | undefined, column: Column, hasFulltext: boolean): Clause {
  const sql = `ADD COLUMN ${columnDefinition(column, table)}${columnPosition(table, column.name)}`;
  const order = 40 + (table?.columns.findIndex((c) => c.name === column.name) ?? 0) / 1000;
  if (column.extra?.autoIncrement === 'true') return copy(sql, order, `adding AUTO_INCREMENT column ${column.name}`);
  if (column.generated !== undefined && column.extra?.generated === 'stored') return copy(sql, order, `adding stored generated column ${column.name}`);
  if (column.default !== undefined && !/^'|^[-+\d.]|^[bx] '/i.test(column.default)) return copy(sql, order, `adding column ${column.name} with an expression default`);
  // A table with a FULLTEXT index is rebuilt, and its full-text index with it: writes must wait.
  if (hasFulltext) return inplace(sql, order, 'SHARED');
  return instant(sql, order);
}

function dropColumnClause(table: Table | undefined, column: Column): Clause {
  const sql = `DROP COLUMN ${q(column.name)}`;
  const indexed = table && (Object.values(table.indexes).some((i) => i.keys.some((k) => keyColumn(k) === column.name)) || Object.values(table.constraints).some((c) => c.kind === 'primary_key' && c.columns.includes(column.name)));
  if (hasFulltext(table)) return inplace(sql, 20, 'SHARED');
  return indexed ? inplace(sql, 20) : instant(sql, 20);
}

function keyColumn(key: string): string {
  return key.replace(/^`((?:[^`]|``)*)`.*$/, '$1').replace(/^([A-Za-z0-9_$]+).*$/, '$1').replace(/``/g, '`');
}

/** The cheapest statement that turns column `a` into `b` (same name); `table`: b's table, for its column-level check. */
function modifyClause(a: Column, b: Column, table?: Table): Clause {
  const sameOtherwise = (keys: (keyof Column)[]) => JSON.stringify(pick(a, keys)) === JSON.stringify(pick(b, keys));
  if (a.default !== b.default && sameOtherwise(['type', 'notNull', 'generated', 'collation', 'comment', 'extra', 'identity']) && (b.default === undefined || isLiteral(b.default))) {
    return instant(`ALTER COLUMN ${q(b.name)} ${b.default === undefined ? 'DROP DEFAULT' : `SET DEFAULT ${defaultSql(b.default, b.type)}`}`, 50);
  }
  const sql = `MODIFY COLUMN ${columnDefinition(b, table)}`;
  if (a.collation !== b.collation) return copy(sql, 50, `changing the collation of ${b.name}`);
  if (a.generated !== b.generated || a.extra?.generated !== b.extra?.generated) return copy(sql, 50, `changing generated column ${b.name}`);
  if (a.extra?.autoIncrement !== b.extra?.autoIncrement) return copy(sql, 50, `changing AUTO_INCREMENT on ${b.name}`);
  let algorithm: Algorithm = 'INSTANT';
  if (a.type !== b.type) {
    const kind = typeChange(a.type, b.type);
    if (kind === 'COPY') return copy(sql, 50, `changing the type of ${b.name} from ${a.type} to ${b.type}`);
    algorithm = kind;
  }
  if (a.notNull !== b.notNull) algorithm = 'INPLACE';
  return algorithm === 'INSTANT' ? instant(sql, 50) : inplace(sql, 50);
}

function pick(c: Column, keys: (keyof Column)[]): unknown[] {
  return keys.map((k) => c[k]);
}

function isLiteral(value: string): boolean {
  return /^'(?:[^']|'')*'$/.test(value) || /^[-+]?(\d+\.?\d*|\.\d+)$/.test(value);
}

/** INSTANT for enum/set values appended in the same storage size, INPLACE for varchar widening in the same length-byte size. */
function typeChange(from: string, to: string): Algorithm {
  const list = /^(enum|set)\((.*)\)$/;
  const [fa, ta] = [list.exec(from), list.exec(to)];
  if (fa && ta && fa[1] === ta[1]) {
    const [a, b] = [enumValues(fa[2] ?? ''), enumValues(ta[2] ?? '')];
    const appended = b.length >= a.length && a.every((v, i) => v === b[i]);
    const size = (n: number) => (fa[1] === 'enum' ? (n < 256 ? 1 : 2) : Math.ceil(n / 8));
    return appended && size(a.length) === size(b.length) ? 'INSTANT' : 'COPY';
  }
  const varchar = /^varchar\((\d+)\)$/;
  const [fv, tv] = [varchar.exec(from), varchar.exec(to)];
  if (fv && tv) {
    const [a, b] = [Number(fv[1]), Number(tv[1])];
    // Unknown charset: assume 4 bytes a character (utf8mb4) for the small side.
    if (b >= a && (b * 4 <= 255 || a >= 256)) return 'INPLACE';
  }
  return 'COPY';
}

const INTEGERS = ['tinyint', 'smallint', 'mediumint', 'int', 'bigint'];
const TEXTS = ['tinytext', 'text', 'mediumtext', 'longtext'];

/** A type change that keeps every value: wider integers and strings, appended enum/set values. */
export function isWidening(from: string, to: string): boolean {
  const int = (t: string) => /^(tinyint|smallint|mediumint|int|bigint)( unsigned)?$/.exec(t);
  const [fi, ti] = [int(from), int(to)];
  if (fi && ti) return INTEGERS.indexOf(ti[1] as string) >= INTEGERS.indexOf(fi[1] as string) + (fi[2] === ti[2] ? 0 : 1) && (!fi[2] || Boolean(ti[2]) || INTEGERS.indexOf(ti[1] as string) > INTEGERS.indexOf(fi[1] as string));
  const len = (t: string) => /^(varchar|char|varbinary|binary)\((\d+)\)$/.exec(t);
  const [fl, tl] = [len(from), len(to)];
  if (fl && tl) return Number(tl[2]) >= Number(fl[2]) && (fl[1] === tl[1] || (fl[1] === 'char' && tl[1] === 'varchar'));
  if (fl && /^(var)?char$/.test(fl[1] as string) && TEXTS.includes(to)) return Number(fl[2]) <= 255 || to !== 'tinytext';
  if (TEXTS.includes(from) && TEXTS.includes(to)) return TEXTS.indexOf(to) >= TEXTS.indexOf(from);
  const list = /^(enum|set)\((.*)\)$/;
  const [fe, te] = [list.exec(from), list.exec(to)];
  if (fe && te && fe[1] === te[1]) return enumValues(fe[2] ?? '').every((v) => enumValues(te[2] ?? '').includes(v));
  return false;
}

function tableOf(ctx: RenderContext, key: string, side: 'from' | 'to'): Table | undefined {
  return side === 'from' ? ctx.from.tables[key] : ctx.to.tables[key];
}

function hasFulltext(table: Table | undefined): boolean {
  return Object.values(table?.indexes ?? {}).some((i) => i.method === 'fulltext');
}

type PieceMaker<K extends Change['kind']> = (c: ChangeOf<K>, ctx: RenderContext) => AlterPiece | undefined;

const addColumn: PieceMaker<'add_column'> = (c, ctx) => {
  const to = tableOf(ctx, c.table, 'to');
  return {
    table: c.table,
    forward: [addColumnClause(to, c.to, hasFulltext(to))],
    reverse: [dropColumnClause(to, c.to)],
    hazards: [],
  };
};

const dropColumn: PieceMaker<'drop_column'> = (c, ctx) => {
  const from = tableOf(ctx, c.table, 'from');
  return {
    table: c.table,
    forward: [dropColumnClause(from, c.from)],
    reverse: [addColumnClause(from, c.from, hasFulltext(from))],
    hazards: [hazard('DATA_LOSS', `column ${c.table}.${c.from.name} and its values are dropped`), hazard('BREAKING_CHANGE', `queries using ${c.table}.${c.from.name} fail`)],
    lossy: `the values of ${c.table}.${c.from.name} are not restored`,
  };
};

const alterColumn: PieceMaker<'alter_column'> = (c, ctx) => {
  const hazards: Hazard[] = [];
  if (c.from.type !== c.to.type && !isWidening(c.from.type, c.to.type)) hazards.push(hazard('DATA_LOSS', `${c.table}.${c.to.name} changes from ${c.from.type} to ${c.to.type}: values may be truncated or refused`));
  if (!c.from.notNull && c.to.notNull) hazards.push(hazard('MAY_FAIL', `${c.table}.${c.to.name} becomes NOT NULL: fails (strict mode) while NULLs remain`));
  const [from, to] = [tableOf(ctx, c.table, 'from'), tableOf(ctx, c.table, 'to')];
  const rebuilt = from && to ? regeneratedColumn(from, to, c.from, c.to) : undefined;
  if (rebuilt) return { table: c.table, forward: rebuilt.forward, reverse: rebuilt.reverse, hazards };
  return { table: c.table, forward: [modifyClause(c.from, c.to, to)], reverse: [modifyClause(c.to, c.from, from)], hazards };
};

/**
 * MySQL and MariaDB refuse MODIFY between a STORED and a VIRTUAL generated column ("not yet supported
 * for generated columns"): the column is dropped and added again in one statement (its values are
 * computed, nothing is lost), with the unchanged indexes on it dropped before and added after.
 * Undefined when it is not such a switch, or a constraint uses the column.
 */
function regeneratedColumn(from: Table, to: Table, a: Column, b: Column): { forward: Clause[]; reverse: Clause[] } | undefined {
  if (a.generated === undefined || b.generated === undefined || a.extra?.generated === b.extra?.generated) return undefined;
  const uses = (keys: readonly string[]) => keys.some((k) => keyColumn(k) === a.name);
  if (Object.values(from.constraints).some((k) => k.columns?.includes(a.name)) || Object.values(to.constraints).some((k) => k.columns?.includes(a.name))) return undefined;
  const indexes = Object.values(from.indexes).filter((i) => uses(i.keys) && to.indexes[i.name]?.definition === i.definition);
  const why = `switching generated column ${a.name} between STORED and VIRTUAL`;
  const clauses = (table: Table, column: Column): Clause[] => [
    ...indexes.map((i) => copy(`DROP INDEX ${q(i.name)}`, 10, why)),
    copy(`DROP COLUMN ${q(column.name)}`, 20, why),
    copy(`ADD COLUMN ${columnDefinition(column, table)}${columnPosition(table, column.name)}`, 40 + table.columns.findIndex((x) => x.name === column.name) / 1000, why),
    ...indexes.map((i) => copy(`ADD ${indexBody(i)}`, 90, why)),
  ];
  return { forward: clauses(to, b), reverse: clauses(from, a) };
}

const renameColumn: PieceMaker<'rename_column'> = (c) => ({
  table: c.table,
  forward: [inplace(`RENAME COLUMN ${q(c.from.name)} TO ${q(c.to.name)}`, 30)],
  reverse: [inplace(`RENAME COLUMN ${q(c.to.name)} TO ${q(c.from.name)}`, 30)],
  hazards: [hazard('BREAKING_CHANGE', `clients using ${c.table}.${c.from.name} must use ${c.to.name}`)],
});

function addConstraintClause(table: Table | undefined, c: ChangeOf<'add_constraint'>['to']): Clause {
  const sql = `ADD ${constraintBody(c)}`;
  if (c.kind === 'primary_key') {
    const nullable = c.columns.some((name) => !table?.columns.find((col) => col.name === name)?.notNull);
    return nullable ? copy(sql, 60, `adding a primary key on nullable columns`) : inplace(sql, 60);
  }
  if (c.kind === 'foreign_key') return copy(sql, 80, `adding foreign key ${c.name} with foreign_key_checks on`);
  return copy(sql, 70, `adding check ${c.name}`);
}

function dropConstraintClauseOf(c: ChangeOf<'drop_constraint'>['from']): Clause {
  const sql = dropConstraintClause(c);
  if (c.kind === 'primary_key') return copy(sql, 5, 'dropping the primary key without adding one');
  return inplace(sql, c.kind === 'foreign_key' ? 0 : 5);
}

/**
 * The server marks the index it creates for a foreign key declared without one as generated, and
 * drops a generated index when a later ADD FOREIGN KEY creates its own (named after the constraint):
 * re-adding a key would rename the index. A no-op RENAME INDEX first makes the index the user's, so
 * the new key uses it. Only indexes both sides keep, so the index exists when the statement runs.
 */
function keepIndexClauses(ctx: RenderContext, key: string, c: ChangeOf<'add_constraint'>['to']): Clause[] {
  if (c.kind !== 'foreign_key') return [];
  const [from, to] = [tableOf(ctx, key, 'from'), tableOf(ctx, key, 'to')];
  if (!from || !to) return [];
  const serves = (i: { unique: boolean; method: string; keys: readonly string[] }) =>
    !i.unique && i.method !== 'fulltext' && i.method !== 'spatial' && c.columns.length > 0 && c.columns.every((col, n) => i.keys[n] !== undefined && keyColumn(i.keys[n]) === col);
  return Object.values(from.indexes)
    .filter((i) => serves(i) && to.indexes[i.name]?.definition === i.definition)
    .map((i) => ({ sql: `RENAME INDEX ${q(i.name)} TO ${q(i.name)}`, order: 79, algorithm: 'INPLACE' as const, lock: 'NONE' as const }));
}

/**
 * A MariaDB column-level check is part of its column: MODIFY COLUMN with or without it (DROP
 * CONSTRAINT does not find it, and its name may be an index's). `on`: the table that has the check;
 * `other`: the table without it. Nothing when the column comes or goes with the check (ADD COLUMN
 * writes it, DROP COLUMN drops it). Undefined for any other constraint.
 */
function columnCheckPiece(key: string, check: ChangeOf<'add_constraint'>['to'], on: Table | undefined, other: Table | undefined): { with: Clause[]; without: Clause[] } | undefined {
  const column = check.columns[0];
  if (check.kind !== 'check' || column === undefined || columnCheck(on, column) !== check) return undefined;
  const [withCheck, withoutCheck] = [on?.columns.find((x) => x.name === column), other?.columns.find((x) => x.name === column)];
  if (!withCheck || !withoutCheck) return { with: [], without: [] };
  const why = `changing the check of column ${key}.${column}`;
  return { with: [copy(`MODIFY COLUMN ${columnDefinition(withCheck, on)}`, 50, why)], without: [copy(`MODIFY COLUMN ${columnDefinition(withoutCheck, other)}`, 50, why)] };
}

const addConstraint: PieceMaker<'add_constraint'> = (c, ctx) => {
  const own = columnCheckPiece(c.table, c.to, tableOf(ctx, c.table, 'to'), tableOf(ctx, c.table, 'from'));
  if (own) return { table: c.table, forward: own.with, reverse: own.without, hazards: [hazard('MAY_FAIL', `${c.to.name} fails while existing rows break it`)] };
  return addConstraintPiece(c, ctx);
};

const dropConstraint: PieceMaker<'drop_constraint'> = (c, ctx) => {
  const own = columnCheckPiece(c.table, c.from, tableOf(ctx, c.table, 'from'), tableOf(ctx, c.table, 'to'));
  if (own) return { table: c.table, forward: own.without, reverse: own.with, hazards: [] };
  return dropConstraintPiece(c, ctx);
};

const addConstraintPiece: PieceMaker<'add_constraint'> = (c, ctx) => ({
  table: c.table,
  forward: [...keepIndexClauses(ctx, c.table, c.to), addConstraintClause(tableOf(ctx, c.table, 'to'), c.to)],
  reverse: [dropConstraintClauseOf(c.to)],
  hazards: c.to.kind === 'primary_key' ? [] : [hazard('MAY_FAIL', `${c.to.name} fails while existing rows break it`)],
  alone: c.to.kind === 'foreign_key',
});

const dropConstraintPiece: PieceMaker<'drop_constraint'> = (c, ctx) => ({
  table: c.table,
  forward: [dropConstraintClauseOf(c.from)],
  reverse: [...keepIndexClauses(ctx, c.table, c.from), addConstraintClause(tableOf(ctx, c.table, 'from'), c.from)],
  hazards: [],
  alone: c.from.kind === 'foreign_key',
});

function addIndexClause(index: ChangeOf<'add_index'>['to']): Clause {
  const sql = `ADD ${indexBody(index)}`;
  // MariaDB keeps a long UNIQUE key (USING HASH) in a hidden virtual column, which only COPY adds.
  if (index.method === 'hash') return copy(sql, 90, `adding hash index ${index.name}`);
  return inplace(sql, 90, index.method === 'fulltext' || index.method === 'spatial' ? 'SHARED' : 'NONE');
}

/**
 * DROP INDEX, in place unless: a hash index (its hidden column goes with it), or the unique key on
 * NOT NULL columns InnoDB uses as the primary key of a table without one (dropping it is dropping
 * the primary key: COPY only).
 */
function dropIndexClause(table: Table | undefined, index: ChangeOf<'drop_index'>['from']): Clause {
  const sql = `DROP INDEX ${q(index.name)}`;
  if (index.method === 'hash') return copy(sql, 10, `dropping hash index ${index.name}`);
  if (table && isImplicitPrimaryKey(table, index)) return copy(sql, 10, `dropping ${index.name}, the primary key InnoDB made of a unique key`);
  return inplace(sql, 10);
}

function isImplicitPrimaryKey(table: Table, index: ChangeOf<'drop_index'>['from']): boolean {
  if (!index.unique || Object.values(table.constraints).some((c) => c.kind === 'primary_key')) return false;
  const notNull = (key: string) => table.columns.some((col) => col.name === keyColumn(key) && col.notNull && col.generated === undefined) && !/\(\d+\)/.test(key);
  return index.keys.every(notNull);
}

const addIndex: PieceMaker<'add_index'> = (c, ctx) => ({
  table: c.table,
  forward: [addIndexClause(c.to)],
  reverse: [dropIndexClause(tableOf(ctx, c.table, 'to'), c.to)],
  hazards: [hazard('INDEX_BUILD', `index ${c.to.name} is built on ${c.table}`)],
});

const dropIndex: PieceMaker<'drop_index'> = (c, ctx) => ({
  table: c.table,
  forward: [dropIndexClause(tableOf(ctx, c.table, 'from'), c.from)],
  reverse: [addIndexClause(c.from)],
  hazards: [],
});

const setComment: PieceMaker<'set_comment'> = (c, ctx) => {
  const { type, key, member } = c.target;
  if (type === 'table') {
    const clause = (text?: string) => inplace(`COMMENT = ${quoteString(text ?? '')}`, 100);
    return { table: key, forward: [clause(c.to)], reverse: [clause(c.from)], hazards: [] };
  }
  if (type !== 'column' || member === undefined) return undefined;
  const after = tableOf(ctx, key, 'to')?.columns.find((col) => col.name === member);
  if (!after) return undefined;
  const withComment = (text?: string): Column => {
    const { comment: _c, ...rest } = after;
    return text === undefined ? rest : { ...rest, comment: text };
  };
  return {
    table: key,
    forward: [instant(`MODIFY COLUMN ${columnDefinition(withComment(c.to), tableOf(ctx, key, 'to'))}`, 50)],
    reverse: [instant(`MODIFY COLUMN ${columnDefinition(withComment(c.from), tableOf(ctx, key, 'from'))}`, 50)],
    hazards: [],
  };
};

const alterTable: PieceMaker<'alter_table'> = (c) => {
  const clauses = (a: Table, b: Table): Clause[] => {
    const [x, y] = [a.extra ?? {}, b.extra ?? {}];
    const out: Clause[] = [];
    if (x.engine !== y.engine && y.engine) out.push(copy(`ENGINE = ${y.engine}`, 100, `changing the engine to ${y.engine}`));
    if (x.collation !== y.collation) {
      const target = y.collation ? `CHARACTER SET ${y.collation.split('_')[0]} COLLATE ${y.collation}` : 'CHARACTER SET DEFAULT';
      out.push(copy(`CONVERT TO ${target}`, 100, 'converting the table character set'));
    }
    if (x.options !== y.options) {
      const named = (text?: string) => new Map((text ?? '').split(/\s+/).filter(Boolean).map((o) => [o.split('=')[0]?.toLowerCase() ?? o, o]));
      const [before, after] = [named(x.options), named(y.options)];
      const settings = [...after.values(), ...[...before.keys()].filter((k) => !after.has(k)).map((k) => `${k}=DEFAULT`)].filter((o) => !before.has(o.split('=')[0]?.toLowerCase() ?? '') || before.get(o.split('=')[0]?.toLowerCase() ?? '') !== o);
      for (const s of settings) out.push(copy(s, 100, `changing table option ${s}`));
    }
    return out;
  };
  return { table: c.table, forward: clauses(c.from, c.to), reverse: clauses(c.to, c.from), hazards: [] };
};

const MAKERS: { readonly [K in Change['kind']]?: PieceMaker<K> } = {
  add_column: addColumn,
  drop_column: dropColumn,
  alter_column: alterColumn,
  rename_column: renameColumn,
  add_constraint: addConstraint,
  drop_constraint: dropConstraint,
  add_index: addIndex,
  drop_index: dropIndex,
  set_comment: setComment,
  alter_table: alterTable,
};

/** The ALTER TABLE clauses of a change, or undefined when it is not one. */
export function alterPiece(change: Change, ctx: RenderContext): AlterPiece | undefined {
  const make = MAKERS[change.kind] as PieceMaker<Change['kind']> | undefined;
  return make ? make(change as never, ctx) : undefined;
}

/** One ALTER TABLE statement of several clauses, with the strongest hint all of them allow. */
export function alterStatement(table: string, clauses: readonly Clause[]): { sql: string; copies: readonly string[] } {
  const sorted = [...clauses].sort((a, b) => a.order - b.order);
  const replacesPk = sorted.some((c) => c.sql === 'DROP PRIMARY KEY') && sorted.some((c) => c.sql.startsWith('ADD PRIMARY KEY'));
  const effective = sorted.map((c) => (replacesPk && c.sql === 'DROP PRIMARY KEY' ? { ...c, algorithm: 'INPLACE' as const, lock: 'NONE' as const } : c));
  const copies = effective.filter((c) => c.algorithm === 'COPY').map((c) => c.why ?? c.sql);
  const weakest = effective.reduce<Algorithm>((min, c) => (STRENGTH[c.algorithm] < STRENGTH[min] ? c.algorithm : min), 'INSTANT');
  const lock = effective.some((c) => c.lock === 'SHARED') ? 'SHARED' : 'NONE';
  const hint = weakest === 'COPY' ? [] : weakest === 'INSTANT' ? ['ALGORITHM=INSTANT'] : ['ALGORITHM=INPLACE', `LOCK=${lock}`];
  return { sql: `ALTER TABLE ${q(table)}\n  ${[...effective.map((c) => c.sql), ...hint].join(',\n  ')}`, copies };
}

export function copyHazard(table: string, copies: readonly string[]): Hazard[] {
  if (copies.length === 0) return [];
  return [hazard('TABLE_REWRITE', `${table}: ${copies.join('; ')}: the table is copied (ALGORITHM=COPY) and writes wait until it is done`, 'for a large table, use an online schema change tool (gh-ost, pt-online-schema-change)')];
}
