/**
 * A parsed Prisma schema → the PostgreSQL DDL Prisma Migrate creates for it: its types (`TEXT`,
 * `TIMESTAMP(3)`, `DECIMAL(65,30)`, `SERIAL`), its names (`User_pkey`, `User_email_key`,
 * `Post_authorId_idx`, `Post_authorId_fkey`), its referential-action defaults, and its implicit
 * many-to-many join tables. Loading that DDL gives the schema the Prisma file describes.
 */
import type { Value } from '@mrleebo/prisma-ast';
import {
  defaultOf,
  enumValue,
  fieldError,
  foreignKeys,
  indexes,
  joinTables,
  nativeType,
  primaryKey,
  prismaContext,
  scalarFields,
  sqlLiteral as literal,
  type PrismaContext as Context,
} from './prisma-relational.js';
import { unquote, type PrismaDocument, type PrismaEnum, type PrismaField, type PrismaModel } from './prisma-schema.js';

const SCALARS: Record<string, string> = {
  String: 'TEXT',
  Boolean: 'BOOLEAN',
  Int: 'INTEGER',
  BigInt: 'BIGINT',
  Float: 'DOUBLE PRECISION',
  Decimal: 'DECIMAL(65,30)',
  DateTime: 'TIMESTAMP(3)',
  Json: 'JSONB',
  Bytes: 'BYTEA',
};

const NATIVE: Record<string, (args: string[]) => string> = {
  Text: () => 'TEXT',
  VarChar: (a) => (a[0] ? `VARCHAR(${a[0]})` : 'VARCHAR'),
  Char: (a) => `CHAR(${a[0] ?? 1})`,
  Uuid: () => 'UUID',
  Xml: () => 'XML',
  Inet: () => 'INET',
  Citext: () => 'CITEXT',
  Bit: (a) => `BIT(${a[0] ?? 1})`,
  VarBit: (a) => (a[0] ? `VARBIT(${a[0]})` : 'VARBIT'),
  SmallInt: () => 'SMALLINT',
  Integer: () => 'INTEGER',
  Oid: () => 'OID',
  Real: () => 'REAL',
  DoublePrecision: () => 'DOUBLE PRECISION',
  Decimal: (a) => (a.length ? `DECIMAL(${a.join(',')})` : 'DECIMAL'),
  Money: () => 'MONEY',
  Timestamp: (a) => `TIMESTAMP(${a[0] ?? 3})`,
  Timestamptz: (a) => `TIMESTAMPTZ(${a[0] ?? 3})`,
  Date: () => 'DATE',
  Time: (a) => `TIME(${a[0] ?? 3})`,
  Timetz: (a) => `TIMETZ(${a[0] ?? 3})`,
  Json: () => 'JSON',
  JsonB: () => 'JSONB',
  ByteA: () => 'BYTEA',
  Boolean: () => 'BOOLEAN',
  BigInt: () => 'BIGINT',
};

const SERIALS: Record<string, string> = { INTEGER: 'SERIAL', SMALLINT: 'SMALLSERIAL', BIGINT: 'BIGSERIAL' };

export function prismaToPostgres(doc: PrismaDocument): string {
  const context = prismaContext(doc);
  const out: string[] = [];
  for (const schema of [...new Set([...doc.models, ...doc.enums].map((o) => o.schema).filter(Boolean))].sort()) {
    if (schema !== 'public') out.push(`CREATE SCHEMA IF NOT EXISTS ${quote(schema as string)};`);
  }
  for (const e of doc.enums) out.push(`CREATE TYPE ${qualified(e.schema, e.dbName)} AS ENUM (${e.values.map((v) => literal(v.dbName)).join(', ')});`);
  for (const model of doc.models) out.push(createTable(model, context));
  for (const model of doc.models) {
    for (const index of indexes(model)) {
      const using = index.method ? ` USING ${index.method.toUpperCase()}` : '';
      const keys = index.columns.map((c, i) => `${quote(c)}${index.desc[i] ? ' DESC' : ''}`).join(', ');
      out.push(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quote(index.name)} ON ${qualified(model.schema, model.table)}${using}(${keys});`);
    }
  }
  for (const join of joinTables(context)) {
    const table = qualified(join.a.schema, join.name);
    out.push(
      `CREATE TABLE ${table} (\n    "A" ${columnType(join.a, join.aKey, context)} NOT NULL,\n    "B" ${columnType(join.b, join.bKey, context)} NOT NULL,\n\n    CONSTRAINT ${quote(`${join.name}_AB_pkey`)} PRIMARY KEY ("A","B")\n);`,
      `CREATE INDEX ${quote(`${join.name}_B_index`)} ON ${table}("B");`,
      `ALTER TABLE ${table} ADD CONSTRAINT ${quote(`${join.name}_A_fkey`)} FOREIGN KEY ("A") REFERENCES ${qualified(join.a.schema, join.a.table)}(${quote(join.aKey.column)}) ON DELETE CASCADE ON UPDATE CASCADE;`,
      `ALTER TABLE ${table} ADD CONSTRAINT ${quote(`${join.name}_B_fkey`)} FOREIGN KEY ("B") REFERENCES ${qualified(join.b.schema, join.b.table)}(${quote(join.bKey.column)}) ON DELETE CASCADE ON UPDATE CASCADE;`,
    );
  }
  for (const model of doc.models) {
    for (const fk of foreignKeys(model, context)) {
      out.push(
        `ALTER TABLE ${qualified(model.schema, model.table)} ADD CONSTRAINT ${quote(fk.name)} FOREIGN KEY (${fk.columns.map(quote).join(', ')}) ` +
          `REFERENCES ${qualified(fk.target.schema, fk.target.table)}(${fk.references.map(quote).join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate};`,
      );
    }
  }
  return `${out.join('\n\n')}\n`;
}

function createTable(model: PrismaModel, context: Context): string {
  const columns = scalarFields(model, context).map((f) => `    ${columnDefinition(model, f, context)}`);
  const pk = primaryKey(model);
  // Prisma Migrate separates the primary key from the columns with a blank line.
  const body = pk ? `${columns.join(',\n')},\n\n    CONSTRAINT ${quote(pk.name)} PRIMARY KEY (${pk.columns.map(quote).join(', ')})` : columns.join(',\n');
  return `CREATE TABLE ${qualified(model.schema, model.table)} (\n${body}\n);`;
}

function columnDefinition(model: PrismaModel, field: PrismaField, context: Context): string {
  let type = columnType(model, field, context);
  const value = defaultOf(field);
  if (value.kind === 'autoincrement') type = SERIALS[type] ?? type;
  const parts = [quote(field.column), type];
  if (!field.optional) parts.push('NOT NULL');
  const rendered = defaultValue(value, field, type, context);
  if (rendered) parts.push(`DEFAULT ${rendered}`);
  return parts.join(' ');
}

function columnType(model: PrismaModel, field: PrismaField, context: Context): string {
  const native = nativeType(field);
  let base: string | undefined;
  if (native) {
    const render = NATIVE[native.name];
    if (!render) throw fieldError(model, field, `@db.${native.name} is not a PostgreSQL native type Prisma supports`);
    base = render(native.args);
  } else if (field.type.startsWith('Unsupported:')) {
    base = field.type.slice('Unsupported:'.length);
  } else if (context.enums.has(field.type)) {
    const e = context.enums.get(field.type) as PrismaEnum;
    base = qualified(e.schema, e.dbName);
  } else {
    base = SCALARS[field.type];
  }
  if (!base) throw fieldError(model, field, `unknown type ${field.type}`);
  return field.list ? `${base}[]` : base;
}

function defaultValue(value: ReturnType<typeof defaultOf>, field: PrismaField, type: string, context: Context): string | undefined {
  switch (value.kind) {
    case 'now':
      return 'CURRENT_TIMESTAMP';
    case 'sql':
      return value.sql;
    case 'list':
      return `ARRAY[${value.values.map((v) => scalarLiteral(v, field, context)).join(', ')}]::${type}`;
    case 'value':
      return scalarLiteral(value.value, field, context);
    default:
      return undefined;
  }
}

function scalarLiteral(value: Value, field: PrismaField, context: Context): string {
  const e = enumValue(context, field, value);
  if (e !== undefined) return literal(e);
  if (typeof value === 'string' && value.startsWith('"')) return literal(unquote(value));
  return String(value);
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function qualified(schema: string | undefined, name: string): string {
  return schema ? `${quote(schema)}.${quote(name)}` : quote(name);
}
