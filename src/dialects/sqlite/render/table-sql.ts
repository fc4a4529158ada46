/**
 * CREATE TABLE text for a SQLite table of the model, written so that SQLite reads it back as the
 * same model: constraints whose name the model invented (SQLite keeps none) are written without
 * one, column-level checks stay on their column, AUTOINCREMENT keys stay inline.
 */
import type { Column, Constraint, Table } from '../../../core/model.js';
import { sortedValues } from '../../../core/model.js';
import { quoteSqliteIdent } from '../constraints.js';

export const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const LITERAL = /^('(?:[^']|'')*'|[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?|NULL|TRUE|FALSE|CURRENT_TIME|CURRENT_DATE|CURRENT_TIMESTAMP|[xX]'[0-9a-fA-F]*')$/i;

/** SQLite keeps a default's text without the parentheses an expression default needs. */
export function defaultSql(value: string): string {
  return LITERAL.test(value.trim()) ? value : `(${value})`;
}

const SUFFIX: Record<Constraint['kind'], string> = { primary_key: 'pkey', unique: 'key', foreign_key: 'fkey', check: 'check', exclusion: 'excl' };

/** Whether the model made this name up (see constraints.ts): then the text must not carry it. */
export function isImplicitName(table: string, c: Constraint): boolean {
  const middle = c.kind === 'primary_key' || (c.kind === 'check' && c.columns.length === 0) ? [] : c.columns;
  const base = [table, ...middle, SUFFIX[c.kind]].join('_');
  return c.name === base || (c.name.startsWith(base) && /^\d+$/.test(c.name.slice(base.length)));
}

function named(table: string, c: Constraint, body: string): string {
  return isImplicitName(table, c) ? body : `CONSTRAINT ${quoteSqliteIdent(c.name)} ${body}`;
}

function columnDefinition(table: Table, column: Column, inlinePk: Constraint | undefined): string {
  const parts = [q(column.name)];
  if (column.type) parts.push(column.type);
  if (inlinePk) parts.push(named(table.name, inlinePk, 'PRIMARY KEY AUTOINCREMENT'));
  if (column.notNull) parts.push('NOT NULL');
  if (column.default !== undefined) parts.push(`DEFAULT ${defaultSql(column.default)}`);
  if (column.collation) parts.push(`COLLATE ${column.collation}`);
  if (column.generated !== undefined) parts.push(`GENERATED ALWAYS AS (${column.generated}) ${column.extra?.generated === 'stored' ? 'STORED' : 'VIRTUAL'}`);
  for (const check of sortedValues(table.constraints)) {
    if (check.kind === 'check' && check.columns.length === 1 && check.columns[0] === column.name) parts.push(named(table.name, check, check.definition));
  }
  return parts.join(' ');
}

export function createTableSql(table: Table, name: string = table.name): string {
  const constraints = sortedValues(table.constraints);
  const pk = constraints.find((c) => c.kind === 'primary_key');
  const autoincrement = pk && pk.columns.length === 1 ? table.columns.find((c) => c.name === pk.columns[0] && c.extra?.autoincrement === 'true') : undefined;
  const elements = table.columns.map((c) => columnDefinition(table, c, autoincrement && c === autoincrement ? pk : undefined));
  for (const c of constraints) {
    if (c === pk && autoincrement) continue;
    if (c.kind === 'check' && c.columns.length === 1) continue;
    elements.push(named(table.name, c, c.definition));
  }
  const options = [...(table.extra?.withoutRowid === 'true' ? ['WITHOUT ROWID'] : []), ...(table.extra?.strict === 'true' ? ['STRICT'] : [])];
  return `CREATE TABLE ${q(name)} (\n  ${elements.join(',\n  ')}\n)${options.length ? ` ${options.join(', ')}` : ''}`;
}

/** The column text ALTER TABLE ADD COLUMN takes. */
export function addColumnDefinition(table: Table, column: Column): string {
  return columnDefinition(table, column, undefined);
}
