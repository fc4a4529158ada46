/**
 * A parsed Prisma schema → the SQLite DDL Prisma Migrate creates for it: its types (`TEXT`,
 * `DATETIME`, `DECIMAL`, enums as TEXT), `INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT`, foreign keys
 * inside CREATE TABLE, and indexes after, with Prisma's names.
 */
import type { Value } from '@mrleebo/prisma-ast';
import { defaultOf, enumValue, fieldError, foreignKeys, indexes, joinTables, nativeType, primaryKey, prismaContext, scalarFields, sqlLiteral, type PrismaContext } from './prisma-relational.js';
import { unquote, type PrismaDocument, type PrismaField, type PrismaModel } from './prisma-schema.js';

const SCALARS: Record<string, string> = {
  String: 'TEXT',
  Boolean: 'BOOLEAN',
  Int: 'INTEGER',
  BigInt: 'BIGINT',
  Float: 'REAL',
  Decimal: 'DECIMAL',
  DateTime: 'DATETIME',
  Json: 'JSONB',
  Bytes: 'BLOB',
};

export function prismaToSqlite(doc: PrismaDocument): string {
  const context = prismaContext(doc);
  const out: string[] = [];
  for (const model of doc.models) out.push(createTable(model, context));
  for (const join of joinTables(context)) {
    out.push(
      `CREATE TABLE ${quote(join.name)} (\n    "A" ${columnType(join.a, join.aKey, context)} NOT NULL,\n    "B" ${columnType(join.b, join.bKey, context)} NOT NULL,\n` +
        `    CONSTRAINT ${quote(`${join.name}_A_fkey`)} FOREIGN KEY ("A") REFERENCES ${quote(join.a.table)} (${quote(join.aKey.column)}) ON DELETE CASCADE ON UPDATE CASCADE,\n` +
        `    CONSTRAINT ${quote(`${join.name}_B_fkey`)} FOREIGN KEY ("B") REFERENCES ${quote(join.b.table)} (${quote(join.bKey.column)}) ON DELETE CASCADE ON UPDATE CASCADE\n);`,
      `CREATE UNIQUE INDEX ${quote(`${join.name}_AB_unique`)} ON ${quote(join.name)}("A", "B");`,
      `CREATE INDEX ${quote(`${join.name}_B_index`)} ON ${quote(join.name)}("B");`,
    );
  }
  for (const model of doc.models) {
    for (const index of indexes(model)) {
      const keys = index.columns.map((c, i) => `${quote(c)}${index.desc[i] ? ' DESC' : ''}`).join(', ');
      out.push(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quote(index.name)} ON ${quote(model.table)}(${keys});`);
    }
  }
  return `${out.join('\n\n')}\n`;
}

function createTable(model: PrismaModel, context: PrismaContext): string {
  const pk = primaryKey(model);
  // A single-column key is written on the column, as Prisma does; a compound one as a named constraint.
  const inline = pk && pk.columns.length === 1 ? pk.columns[0] : undefined;
  const lines = scalarFields(model, context).map((f) => `    ${columnDefinition(model, f, context, f.column === inline)}`);
  if (pk && !inline) lines.push(`    CONSTRAINT ${quote(pk.name)} PRIMARY KEY (${pk.columns.map(quote).join(', ')})`);
  for (const fk of foreignKeys(model, context)) {
    lines.push(
      `    CONSTRAINT ${quote(fk.name)} FOREIGN KEY (${fk.columns.map(quote).join(', ')}) REFERENCES ${quote(fk.target.table)} (${fk.references.map(quote).join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`,
    );
  }
  return `CREATE TABLE ${quote(model.table)} (\n${lines.join(',\n')}\n);`;
}

function columnDefinition(model: PrismaModel, field: PrismaField, context: PrismaContext, primary: boolean): string {
  if (field.list) throw fieldError(model, field, 'SQLite has no list columns; Prisma supports scalar lists on PostgreSQL and CockroachDB only');
  const value = defaultOf(field);
  const parts = [quote(field.column), columnType(model, field, context)];
  if (!field.optional) parts.push('NOT NULL');
  if (primary) parts.push(value.kind === 'autoincrement' ? 'PRIMARY KEY AUTOINCREMENT' : 'PRIMARY KEY');
  if (value.kind === 'now') parts.push('DEFAULT CURRENT_TIMESTAMP');
  else if (value.kind === 'sql') parts.push(`DEFAULT (${value.sql})`);
  else if (value.kind === 'value') parts.push(`DEFAULT ${literal(value.value, field, context)}`);
  else if (value.kind === 'list') throw fieldError(model, field, 'SQLite has no list defaults');
  return parts.join(' ');
}

function columnType(model: PrismaModel, field: PrismaField, context: PrismaContext): string {
  if (nativeType(field)) throw fieldError(model, field, 'Prisma has no native type attributes (@db.*) for SQLite');
  if (field.type.startsWith('Unsupported:')) return field.type.slice('Unsupported:'.length);
  if (context.enums.has(field.type)) return 'TEXT';
  const base = SCALARS[field.type];
  if (!base) throw fieldError(model, field, `unknown type ${field.type}`);
  return base;
}

function literal(value: Value, field: PrismaField, context: PrismaContext): string {
  const e = enumValue(context, field, value);
  if (e !== undefined) return sqlLiteral(e);
  if (typeof value === 'string' && value.startsWith('"')) return sqlLiteral(unquote(value));
  return String(value);
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
