/**
 * A parsed Prisma schema → the PostgreSQL DDL Prisma Migrate creates for it: its types (`TEXT`,
 * `TIMESTAMP(3)`, `DECIMAL(65,30)`, `SERIAL`), its names (`User_pkey`, `User_email_key`,
 * `Post_authorId_idx`, `Post_authorId_fkey`), its referential-action defaults, and its implicit
 * many-to-many join tables. Loading that DDL gives the schema the Prisma file describes.
 */
import type { Attribute, Func, Value } from '@mrleebo/prisma-ast';
import { UserError } from '../../core/errors.js';
import { argument, fieldList, unquote, type PrismaDocument, type PrismaEnum, type PrismaField, type PrismaModel } from './prisma-schema.js';

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

const ACTIONS: Record<string, string> = { Cascade: 'CASCADE', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetNull: 'SET NULL', SetDefault: 'SET DEFAULT' };
const SERIALS: Record<string, string> = { INTEGER: 'SERIAL', SMALLINT: 'SMALLSERIAL', BIGINT: 'BIGSERIAL' };

export function prismaToPostgres(doc: PrismaDocument): string {
  const models = new Map(doc.models.map((m) => [m.name, m]));
  const enums = new Map(doc.enums.map((e) => [e.name, e]));
  const context: Context = { doc, models, enums };
  const out: string[] = [];
  for (const schema of [...new Set([...doc.models, ...doc.enums].map((o) => o.schema).filter(Boolean))].sort()) {
    if (schema !== 'public') out.push(`CREATE SCHEMA IF NOT EXISTS ${quote(schema as string)};`);
  }
  for (const e of doc.enums) out.push(`CREATE TYPE ${qualified(e.schema, e.dbName)} AS ENUM (${e.values.map((v) => literal(v.dbName)).join(', ')});`);
  for (const model of doc.models) out.push(createTable(model, context));
  for (const model of doc.models) out.push(...indexes(model));
  out.push(...joinTables(context));
  for (const model of doc.models) out.push(...foreignKeys(model, context));
  return `${out.join('\n\n')}\n`;
}

interface Context {
  readonly doc: PrismaDocument;
  readonly models: ReadonlyMap<string, PrismaModel>;
  readonly enums: ReadonlyMap<string, PrismaEnum>;
}

function createTable(model: PrismaModel, context: Context): string {
  const columns = scalarFields(model, context).map((f) => `    ${columnDefinition(model, f, context)}`);
  const pk = primaryKey(model);
  // Prisma Migrate separates the primary key from the columns with a blank line.
  const body = pk ? `${columns.join(',\n')},\n\n    CONSTRAINT ${quote(pk.name)} PRIMARY KEY (${pk.columns.map(quote).join(', ')})` : columns.join(',\n');
  return `CREATE TABLE ${qualified(model.schema, model.table)} (\n${body}\n);`;
}

function scalarFields(model: PrismaModel, context: Context): PrismaField[] {
  return model.fields.filter((f) => !context.models.has(f.type));
}

function columnDefinition(model: PrismaModel, field: PrismaField, context: Context): string {
  let type = columnType(model, field, context);
  const defaultAttr = field.attributes.find((a) => a.name === 'default' && !a.group);
  const value = argument(defaultAttr, 0);
  const isAutoincrement = isFunc(value) && value.name === 'autoincrement';
  if (isAutoincrement) type = SERIALS[type] ?? type;
  const parts = [quote(field.column), type];
  if (!field.optional && !field.list) parts.push('NOT NULL');
  else if (field.list && !field.optional) parts.push('NOT NULL');
  const rendered = defaultAttr && !isAutoincrement ? defaultValue(value, field, type, context) : undefined;
  if (rendered) parts.push(`DEFAULT ${rendered}`);
  return parts.join(' ');
}

function columnType(model: PrismaModel, field: PrismaField, context: Context): string {
  const native = field.attributes.find((a) => a.group === 'db');
  let base: string | undefined;
  if (native) {
    const render = NATIVE[native.name];
    if (!render) throw fieldError(model, field, `@db.${native.name} is not a PostgreSQL native type Prisma supports`);
    base = render((native.args ?? []).map((a) => String(a.value)));
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

function defaultValue(value: Value | undefined, field: PrismaField, type: string, context: Context): string | undefined {
  if (isFunc(value)) {
    if (value.name === 'now') return 'CURRENT_TIMESTAMP';
    if (value.name === 'dbgenerated') return value.params?.length ? unquote(value.params[0]) : undefined;
    return undefined; // uuid(), cuid(), nanoid(), ulid(): the client fills them in
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && value.type === 'array') {
    const items = (value.args ?? []).map((v) => scalarLiteral(v, field, context));
    return `ARRAY[${items.join(', ')}]::${type}`;
  }
  if (value === undefined) return undefined;
  return scalarLiteral(value, field, context);
}

function scalarLiteral(value: Value, field: PrismaField, context: Context): string {
  const e = context.enums.get(field.type);
  if (e) return literal(e.values.find((v) => v.name === value)?.dbName ?? String(value));
  if (typeof value === 'string' && value.startsWith('"')) return literal(unquote(value));
  if (field.type === 'Decimal' || field.type === 'Float' || field.type === 'Int' || field.type === 'BigInt') return String(value);
  return String(value);
}

interface NamedColumns {
  readonly name: string;
  readonly columns: string[];
}

function primaryKey(model: PrismaModel): NamedColumns | undefined {
  const fieldId = model.fields.find((f) => f.attributes.some((a) => a.name === 'id'));
  if (fieldId) {
    const attr = fieldId.attributes.find((a) => a.name === 'id');
    return { name: mapArgument(attr) ?? `${model.table}_pkey`, columns: [fieldId.column] };
  }
  const blockId = model.blockAttributes.find((a) => a.name === 'id');
  if (!blockId) return undefined;
  return { name: mapArgument(blockId) ?? `${model.table}_pkey`, columns: columnsOf(model, fieldList(argument(blockId, 0, 'fields')).map((f) => f.name)) };
}

function indexes(model: PrismaModel): string[] {
  const out: string[] = [];
  for (const field of model.fields) {
    const unique = field.attributes.find((a) => a.name === 'unique');
    if (unique) out.push(`CREATE UNIQUE INDEX ${quote(mapArgument(unique) ?? `${model.table}_${field.column}_key`)} ON ${qualified(model.schema, model.table)}(${quote(field.column)});`);
  }
  for (const attr of model.blockAttributes) {
    if (attr.name !== 'unique' && attr.name !== 'index') continue;
    const fields = fieldList(argument(attr, 0, 'fields'));
    const columns = columnsOf(model, fields.map((f) => f.name));
    const suffix = attr.name === 'unique' ? 'key' : 'idx';
    const name = mapArgument(attr) ?? `${model.table}_${columns.join('_')}_${suffix}`;
    const method = argument(attr, 99, 'type');
    const using = method ? ` USING ${String(method).toUpperCase()}` : '';
    const keys = columns.map((c, i) => `${quote(c)}${fields[i]?.desc ? ' DESC' : ''}`).join(', ');
    out.push(`CREATE ${attr.name === 'unique' ? 'UNIQUE ' : ''}INDEX ${quote(name)} ON ${qualified(model.schema, model.table)}${using}(${keys});`);
  }
  return out;
}

function foreignKeys(model: PrismaModel, context: Context): string[] {
  const out: string[] = [];
  for (const field of model.fields) {
    const relation = field.attributes.find((a) => a.name === 'relation');
    const fields = fieldList(argument(relation, 99, 'fields')).map((f) => f.name);
    if (!relation || fields.length === 0) continue;
    const target = context.models.get(field.type);
    if (!target) throw fieldError(model, field, `relation to unknown model ${field.type}`);
    const columns = columnsOf(model, fields);
    const references = columnsOf(target, fieldList(argument(relation, 99, 'references')).map((f) => f.name));
    const optional = fields.every((name) => model.fields.find((f) => f.name === name)?.optional);
    const onDelete = ACTIONS[String(argument(relation, 99, 'onDelete') ?? '')] ?? (optional ? 'SET NULL' : 'RESTRICT');
    const onUpdate = ACTIONS[String(argument(relation, 99, 'onUpdate') ?? '')] ?? 'CASCADE';
    const name = mapArgument(relation) ?? `${model.table}_${columns.join('_')}_fkey`;
    out.push(
      `ALTER TABLE ${qualified(model.schema, model.table)} ADD CONSTRAINT ${quote(name)} FOREIGN KEY (${columns.map(quote).join(', ')}) ` +
        `REFERENCES ${qualified(target.schema, target.table)}(${references.map(quote).join(', ')}) ON DELETE ${onDelete} ON UPDATE ${onUpdate};`,
    );
  }
  return out;
}

/** Implicit many-to-many: both sides are lists with no `fields`; Prisma makes `_AToB(A, B)`. */
function joinTables(context: Context): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const model of context.doc.models) {
    for (const field of model.fields) {
      const other = context.models.get(field.type);
      if (!other || !field.list) continue;
      const back = other.fields.find((f) => f.type === model.name && f.list && relationName(f) === relationName(field));
      if (!back || hasFields(field) || hasFields(back)) continue;
      const [a, b] = [model, other].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)) as [PrismaModel, PrismaModel];
      const name = `_${relationName(field) ?? `${a.name}To${b.name}`}`;
      if (seen.has(name)) continue;
      seen.add(name);
      const [aKey, bKey] = [primaryKeyField(a), primaryKeyField(b)];
      const aType = columnType(a, aKey, context);
      const bType = columnType(b, bKey, context);
      const table = qualified(a.schema, name);
      out.push(
        `CREATE TABLE ${table} (\n    "A" ${aType} NOT NULL,\n    "B" ${bType} NOT NULL,\n\n    CONSTRAINT ${quote(`${name}_AB_pkey`)} PRIMARY KEY ("A","B")\n);`,
        `CREATE INDEX ${quote(`${name}_B_index`)} ON ${table}("B");`,
        `ALTER TABLE ${table} ADD CONSTRAINT ${quote(`${name}_A_fkey`)} FOREIGN KEY ("A") REFERENCES ${qualified(a.schema, a.table)}(${quote(aKey.column)}) ON DELETE CASCADE ON UPDATE CASCADE;`,
        `ALTER TABLE ${table} ADD CONSTRAINT ${quote(`${name}_B_fkey`)} FOREIGN KEY ("B") REFERENCES ${qualified(b.schema, b.table)}(${quote(bKey.column)}) ON DELETE CASCADE ON UPDATE CASCADE;`,
      );
    }
  }
  return out;
}

function relationName(field: PrismaField): string | undefined {
  const relation = field.attributes.find((a) => a.name === 'relation');
  const name = argument(relation, 0, 'name');
  return name === undefined ? undefined : unquote(name);
}

function hasFields(field: PrismaField): boolean {
  return fieldList(argument(field.attributes.find((a) => a.name === 'relation'), 99, 'fields')).length > 0;
}

function primaryKeyField(model: PrismaModel): PrismaField {
  const field = model.fields.find((f) => f.attributes.some((a) => a.name === 'id'));
  if (!field) throw new UserError('BAD_INPUT', `model ${model.name} in an implicit many-to-many relation needs a single @id field`);
  return field;
}

function columnsOf(model: PrismaModel, fieldNames: readonly string[]): string[] {
  return fieldNames.map((name) => model.fields.find((f) => f.name === name)?.column ?? name);
}

function mapArgument(attribute: Attribute | { args?: Attribute['args'] } | undefined): string | undefined {
  const value = argument(attribute as Attribute, 99, 'map');
  return value === undefined ? undefined : unquote(value);
}

function isFunc(value: Value | undefined): value is Func {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as Func).type === 'function';
}

function fieldError(model: PrismaModel, field: PrismaField, message: string): UserError {
  return new UserError('BAD_INPUT', `${model.name}.${field.name}: ${message}`, { location: field.line ? { line: field.line, column: field.column_ ?? 1 } : undefined });
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function qualified(schema: string | undefined, name: string): string {
  return schema ? `${quote(schema)}.${quote(name)}` : quote(name);
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
