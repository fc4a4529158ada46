/**
 * MySQL/MariaDB SQL for the model's pieces: column definitions, keys, checks, indexes and tables.
 * Statements name everything with backquotes, so reserved words and odd names always work.
 */
import type { Column, Constraint, Index, Table, Trigger } from '../../../core/model.js';
import { sortedValues } from '../../../core/model.js';
import { quoteString } from '../expression.js';
import { backquote } from '../names.js';

export const q = backquote;

/** Types whose literal default MySQL 8 accepts only as an expression in parentheses. */
const BLOB_LIKE = /^(tinytext|text|mediumtext|longtext|tinyblob|blob|mediumblob|longblob|json|geometry|point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection)\b/;

/** A default as the column definition spells it: literals bare, expressions in parentheses. */
export function defaultSql(raw: string, type: string): string {
  // The canonical expression printer spells bit and hex literals `b '101'`: SQL wants them joined.
  const value = raw.replace(/^([bBxX]) '([0-9a-fA-F]*)'$/, "$1'$2'");
  const literal = /^'(?:[^']|'')*'$/.test(value) || /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value) || /^[bx]'[0-9a-f]*'$/i.test(value) || /^(null|true|false)$/i.test(value);
  if (/^current_timestamp\(\d*\)$/i.test(value)) return value;
  if (literal && !BLOB_LIKE.test(type)) return value;
  return `(${value})`;
}

function charsetOf(collation: string): string {
  return collation.slice(0, collation.indexOf('_') > 0 ? collation.indexOf('_') : collation.length);
}

/** A MariaDB column-level check of `table` on this column (see assemble.ts), if any. */
export function columnCheck(table: Table | undefined, column: string): Constraint | undefined {
  return Object.values(table?.constraints ?? {}).find((c) => c.kind === 'check' && c.columns.length === 1 && c.columns[0] === column && c.name === column);
}

/** A column as written in CREATE TABLE, ADD COLUMN and MODIFY COLUMN; with `table`, its column-level check too. */
export function columnDefinition(column: Column, table?: Table): string {
  const check = columnCheck(table, column.name);
  return check ? `${columnBody(column)} ${check.definition}` : columnBody(column);
}

function columnBody(column: Column): string {
  const parts = [q(column.name), column.type];
  if (column.collation) parts.push(`CHARACTER SET ${charsetOf(column.collation)} COLLATE ${column.collation}`);
  const extra = column.extra ?? {};
  if (column.generated !== undefined) {
    parts.push(`GENERATED ALWAYS AS (${column.generated}) ${extra.generated === 'stored' ? 'STORED' : 'VIRTUAL'}`);
    if (column.notNull) parts.push('NOT NULL');
  } else {
    parts.push(column.notNull ? 'NOT NULL' : 'NULL');
    if (column.default !== undefined) parts.push(`DEFAULT ${defaultSql(column.default, column.type)}`);
    if (extra.onUpdate) parts.push(`ON UPDATE ${extra.onUpdate}`);
    if (extra.autoIncrement === 'true') parts.push('AUTO_INCREMENT');
  }
  if (extra.invisible === 'true') parts.push('INVISIBLE');
  if (column.comment !== undefined) parts.push(`COMMENT ${quoteString(column.comment)}`);
  return parts.join(' ');
}

/** `ADD ...` body of an index (without `ADD`). */
export function indexBody(index: Index): string {
  const kind = index.method === 'fulltext' ? 'FULLTEXT ' : index.method === 'spatial' ? 'SPATIAL ' : index.unique ? 'UNIQUE ' : '';
  const using = index.method === 'hash' ? ' USING HASH' : '';
  const comment = index.comment !== undefined ? ` COMMENT ${quoteString(index.comment)}` : '';
  // MariaDB reports a key length for SPATIAL keys that their definition must not carry.
  const keys = index.method === 'spatial' ? index.keys.map((k) => k.replace(/\(\d+\)$/, '')) : index.keys;
  return `${kind}INDEX ${q(index.name)} (${keys.join(', ')})${using}${comment}`;
}

/** A constraint as a table element or an `ADD` body. */
export function constraintBody(c: Constraint): string {
  if (c.kind === 'primary_key') return c.definition;
  return `CONSTRAINT ${q(c.name)} ${c.definition}`;
}

export function dropConstraintClause(c: Constraint): string {
  if (c.kind === 'primary_key') return 'DROP PRIMARY KEY';
  if (c.kind === 'foreign_key') return `DROP FOREIGN KEY ${q(c.name)}`;
  return `DROP CONSTRAINT ${q(c.name)}`;
}

export function tableOptions(table: Table): string {
  const extra = table.extra ?? {};
  const parts: string[] = [];
  if (extra.engine) parts.push(`ENGINE=${extra.engine}`);
  if (extra.collation) parts.push(`DEFAULT CHARSET=${charsetOf(extra.collation)} COLLATE=${extra.collation}`);
  if (extra.options) parts.push(...extra.options.split(/\s+/));
  if (table.comment !== undefined) parts.push(`COMMENT=${quoteString(table.comment)}`);
  return parts.join(' ');
}

/**
 * CREATE TABLE with columns, keys, checks and indexes (an AUTO_INCREMENT column must be a key from the
 * start); foreign keys only when asked (restoring a dropped table), since they need other tables.
 */
export function createTableSql(table: Table, withForeignKeys = false): string {
  const constraints = sortedValues(table.constraints).filter((c) => (withForeignKeys || c.kind !== 'foreign_key') && !table.columns.some((col) => columnCheck(table, col.name) === c));
  const ordered = [...constraints.filter((c) => c.kind === 'primary_key'), ...constraints.filter((c) => c.kind !== 'primary_key')];
  const elements = [
    ...table.columns.map((col) => columnDefinition(col, table)),
    ...ordered.map(constraintBody),
    ...sortedValues(table.indexes).map(indexBody),
  ];
  const options = tableOptions(table);
  return `CREATE TABLE ${q(table.name)} (\n  ${elements.join(',\n  ')}\n)${options ? ` ${options}` : ''}`;
}

export function triggerSql(trigger: Trigger): string {
  return trigger.definition;
}
