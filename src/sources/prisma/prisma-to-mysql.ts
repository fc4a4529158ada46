/**
 * A parsed Prisma schema → the MySQL DDL Prisma Migrate creates for it: its types (`VARCHAR(191)`,
 * `DATETIME(3)`, `DECIMAL(65,30)`, inline `ENUM(...)`), AUTO_INCREMENT, indexes and the primary key
 * inside CREATE TABLE, utf8mb4 tables, and foreign keys added at the end, with Prisma's names.
 */
import type { Value } from '@mrleebo/prisma-ast';
import { defaultOf, enumValue, fieldError, foreignKeys, indexes, joinTables, nativeType, primaryKey, prismaContext, scalarFields, sqlLiteral, type PrismaContext } from './prisma-relational.js';
import { unquote, type PrismaDocument, type PrismaField, type PrismaModel } from './prisma-schema.js';

const SCALARS: Record<string, string> = {
  String: 'VARCHAR(191)',
  Boolean: 'BOOLEAN',
  Int: 'INTEGER',
  BigInt: 'BIGINT',
  Float: 'DOUBLE',
  Decimal: 'DECIMAL(65,30)',
  DateTime: 'DATETIME(3)',
  Json: 'JSON',
  Bytes: 'LONGBLOB',
};

const sized = (type: string, fallback?: string) => (a: string[]) => (a.length ? `${type}(${a.join(',')})` : fallback !== undefined ? `${type}(${fallback})` : type);

const NATIVE: Record<string, (args: string[]) => string> = {
  VarChar: sized('VARCHAR', '191'),
  Char: sized('CHAR', '1'),
  Text: () => 'TEXT',
  TinyText: () => 'TINYTEXT',
  MediumText: () => 'MEDIUMTEXT',
  LongText: () => 'LONGTEXT',
  Bit: sized('BIT', '1'),
  TinyInt: () => 'TINYINT',
  UnsignedTinyInt: () => 'TINYINT UNSIGNED',
  SmallInt: () => 'SMALLINT',
  UnsignedSmallInt: () => 'SMALLINT UNSIGNED',
  MediumInt: () => 'MEDIUMINT',
  UnsignedMediumInt: () => 'MEDIUMINT UNSIGNED',
  Int: () => 'INTEGER',
  UnsignedInt: () => 'INTEGER UNSIGNED',
  BigInt: () => 'BIGINT',
  UnsignedBigInt: () => 'BIGINT UNSIGNED',
  Decimal: sized('DECIMAL'),
  Float: () => 'FLOAT',
  Double: () => 'DOUBLE',
  Date: () => 'DATE',
  Time: sized('TIME', '0'),
  DateTime: sized('DATETIME', '3'),
  Timestamp: sized('TIMESTAMP', '3'),
  Year: () => 'YEAR',
  Json: () => 'JSON',
  Binary: sized('BINARY', '1'),
  VarBinary: sized('VARBINARY'),
  TinyBlob: () => 'TINYBLOB',
  Blob: () => 'BLOB',
  MediumBlob: () => 'MEDIUMBLOB',
  LongBlob: () => 'LONGBLOB',
};

export function prismaToMysql(doc: PrismaDocument): string {
  const context = prismaContext(doc);
  const out: string[] = [];
  for (const model of doc.models) out.push(createTable(model, context));
  for (const join of joinTables(context)) {
    out.push(
      `CREATE TABLE ${quote(join.name)} (\n    \`A\` ${columnType(join.a, join.aKey, context)} NOT NULL,\n    \`B\` ${columnType(join.b, join.bKey, context)} NOT NULL,\n\n` +
        `    UNIQUE INDEX ${quote(`${join.name}_AB_unique`)}(\`A\`, \`B\`),\n    INDEX ${quote(`${join.name}_B_index`)}(\`B\`)\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`,
      `ALTER TABLE ${quote(join.name)} ADD CONSTRAINT ${quote(`${join.name}_A_fkey`)} FOREIGN KEY (\`A\`) REFERENCES ${quote(join.a.table)}(${quote(join.aKey.column)}) ON DELETE CASCADE ON UPDATE CASCADE;`,
      `ALTER TABLE ${quote(join.name)} ADD CONSTRAINT ${quote(`${join.name}_B_fkey`)} FOREIGN KEY (\`B\`) REFERENCES ${quote(join.b.table)}(${quote(join.bKey.column)}) ON DELETE CASCADE ON UPDATE CASCADE;`,
    );
  }
  for (const model of doc.models) {
    for (const fk of foreignKeys(model, context)) {
      out.push(
        `ALTER TABLE ${quote(model.table)} ADD CONSTRAINT ${quote(fk.name)} FOREIGN KEY (${fk.columns.map(quote).join(', ')}) ` +
          `REFERENCES ${quote(fk.target.table)}(${fk.references.map(quote).join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate};`,
      );
    }
  }
  return `${out.join('\n\n')}\n`;
}

function createTable(model: PrismaModel, context: PrismaContext): string {
  const columns = scalarFields(model, context).map((f) => `    ${columnDefinition(model, f, context)}`);
  const keys = indexes(model).map((index) => {
    const parts = index.columns.map((c, i) => `${quote(c)}${index.lengths[i] ? `(${index.lengths[i]})` : ''}${index.desc[i] ? ' DESC' : ''}`);
    const kind = index.unique ? 'UNIQUE INDEX' : index.method === 'FullText' ? 'FULLTEXT INDEX' : 'INDEX';
    return `    ${kind} ${quote(index.name)}(${parts.join(', ')})`;
  });
  const pk = primaryKey(model);
  if (pk) keys.push(`    PRIMARY KEY (${pk.columns.map(quote).join(', ')})`);
  const body = keys.length ? `${columns.join(',\n')},\n\n${keys.join(',\n')}` : columns.join(',\n');
  return `CREATE TABLE ${quote(model.table)} (\n${body}\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`;
}

function columnDefinition(model: PrismaModel, field: PrismaField, context: PrismaContext): string {
  if (field.list) throw fieldError(model, field, 'MySQL has no list columns; Prisma supports scalar lists on PostgreSQL and CockroachDB only');
  const type = columnType(model, field, context);
  const value = defaultOf(field);
  const parts = [quote(field.column), type, field.optional ? 'NULL' : 'NOT NULL'];
  if (value.kind === 'autoincrement') parts.push('AUTO_INCREMENT');
  else if (value.kind === 'now') parts.push(`DEFAULT CURRENT_TIMESTAMP(${/\((\d+)\)/.exec(type)?.[1] ?? '0'})`);
  else if (value.kind === 'sql') parts.push(`DEFAULT (${value.sql})`);
  else if (value.kind === 'value') parts.push(`DEFAULT ${literal(value.value, field, context)}`);
  else if (value.kind === 'list') throw fieldError(model, field, 'MySQL has no list defaults');
  return parts.join(' ');
}

function columnType(model: PrismaModel, field: PrismaField, context: PrismaContext): string {
  const native = nativeType(field);
  if (native) {
    const render = NATIVE[native.name];
    if (!render) throw fieldError(model, field, `@db.${native.name} is not a MySQL native type Prisma supports`);
    return render(native.args);
  }
  if (field.type.startsWith('Unsupported:')) return field.type.slice('Unsupported:'.length);
  const e = context.enums.get(field.type);
  if (e) return `ENUM(${e.values.map((v) => sqlLiteral(v.dbName)).join(', ')})`;
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
  return `\`${name.replace(/`/g, '``')}\``;
}
