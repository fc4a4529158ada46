/**
 * What Prisma Migrate derives from a schema the same way for every provider: primary keys, indexes and
 * foreign keys with Prisma's names (`<table>_pkey`, `<table>_<cols>_key`, `<table>_<cols>_idx`,
 * `<table>_<cols>_fkey`), referential-action defaults, implicit many-to-many join tables, and defaults.
 * Each provider's file renders them in its own DDL.
 */
import type { Attribute, Func, Value } from '@mrleebo/prisma-ast';
import { UserError } from '../../core/errors.js';
import { argument, fieldList, unquote, type PrismaDocument, type PrismaEnum, type PrismaField, type PrismaModel } from './prisma-schema.js';

export interface PrismaContext {
  readonly doc: PrismaDocument;
  readonly models: ReadonlyMap<string, PrismaModel>;
  readonly enums: ReadonlyMap<string, PrismaEnum>;
}

export function prismaContext(doc: PrismaDocument): PrismaContext {
  return { doc, models: new Map(doc.models.map((m) => [m.name, m])), enums: new Map(doc.enums.map((e) => [e.name, e])) };
}

export interface NamedColumns {
  readonly name: string;
  readonly columns: string[];
}

export interface PrismaIndex extends NamedColumns {
  readonly unique: boolean;
  readonly desc: readonly boolean[];
  readonly method?: string;
  readonly lengths: readonly (string | undefined)[];
}

export interface PrismaForeignKey extends NamedColumns {
  readonly field: PrismaField;
  readonly target: PrismaModel;
  readonly references: string[];
  readonly onDelete: string;
  readonly onUpdate: string;
}

export interface JoinTable {
  readonly name: string;
  readonly a: PrismaModel;
  readonly b: PrismaModel;
  readonly aKey: PrismaField;
  readonly bKey: PrismaField;
}

const ACTIONS: Record<string, string> = { Cascade: 'CASCADE', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetNull: 'SET NULL', SetDefault: 'SET DEFAULT' };

/** Scalar fields: the ones that become columns (relation fields do not). */
export function scalarFields(model: PrismaModel, context: PrismaContext): PrismaField[] {
  return model.fields.filter((f) => !context.models.has(f.type));
}

export function primaryKey(model: PrismaModel): NamedColumns | undefined {
  const fieldId = model.fields.find((f) => f.attributes.some((a) => a.name === 'id'));
  if (fieldId) {
    const attr = fieldId.attributes.find((a) => a.name === 'id');
    return { name: mapArgument(attr) ?? `${model.table}_pkey`, columns: [fieldId.column] };
  }
  const blockId = model.blockAttributes.find((a) => a.name === 'id');
  if (!blockId) return undefined;
  return { name: mapArgument(blockId) ?? `${model.table}_pkey`, columns: columnsOf(model, fieldList(argument(blockId, 0, 'fields')).map((f) => f.name)) };
}

/** `@unique` fields first, then `@@unique` and `@@index` in the order written. */
export function indexes(model: PrismaModel): PrismaIndex[] {
  const out: PrismaIndex[] = [];
  for (const field of model.fields) {
    const unique = field.attributes.find((a) => a.name === 'unique');
    if (!unique) continue;
    const length = argument(unique, 99, 'length');
    out.push({ name: mapArgument(unique) ?? `${model.table}_${field.column}_key`, unique: true, columns: [field.column], desc: [false], lengths: [length === undefined ? undefined : String(length)] });
  }
  for (const attr of model.blockAttributes) {
    if (attr.name !== 'unique' && attr.name !== 'index') continue;
    const fields = fieldList(argument(attr, 0, 'fields'));
    const columns = columnsOf(model, fields.map((f) => f.name));
    const suffix = attr.name === 'unique' ? 'key' : 'idx';
    const method = argument(attr, 99, 'type');
    out.push({
      name: mapArgument(attr) ?? `${model.table}_${columns.join('_')}_${suffix}`,
      unique: attr.name === 'unique',
      columns,
      desc: fields.map((f) => f.desc),
      lengths: fields.map(() => undefined),
      ...(method ? { method: String(method) } : {}),
    });
  }
  return out;
}

/** Relation fields holding `fields:`: the foreign keys, with Prisma's default actions. */
export function foreignKeys(model: PrismaModel, context: PrismaContext): PrismaForeignKey[] {
  const out: PrismaForeignKey[] = [];
  for (const field of model.fields) {
    const relation = field.attributes.find((a) => a.name === 'relation');
    const fields = fieldList(argument(relation, 99, 'fields')).map((f) => f.name);
    if (!relation || fields.length === 0) continue;
    const target = context.models.get(field.type);
    if (!target) throw fieldError(model, field, `relation to unknown model ${field.type}`);
    const columns = columnsOf(model, fields);
    const optional = fields.every((name) => model.fields.find((f) => f.name === name)?.optional);
    out.push({
      field,
      target,
      name: mapArgument(relation) ?? `${model.table}_${columns.join('_')}_fkey`,
      columns,
      references: columnsOf(target, fieldList(argument(relation, 99, 'references')).map((f) => f.name)),
      onDelete: ACTIONS[String(argument(relation, 99, 'onDelete') ?? '')] ?? (optional ? 'SET NULL' : 'RESTRICT'),
      onUpdate: ACTIONS[String(argument(relation, 99, 'onUpdate') ?? '')] ?? 'CASCADE',
    });
  }
  return out;
}

/** Implicit many-to-many: both sides are lists with no `fields`; Prisma makes `_AToB(A, B)`. */
export function joinTables(context: PrismaContext): JoinTable[] {
  const out: JoinTable[] = [];
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
      out.push({ name, a, b, aKey: primaryKeyField(a), bKey: primaryKeyField(b) });
    }
  }
  return out;
}

export type PrismaDefault =
  | { readonly kind: 'none' }
  | { readonly kind: 'autoincrement' }
  | { readonly kind: 'now' }
  | { readonly kind: 'sql'; readonly sql: string }
  | { readonly kind: 'list'; readonly values: readonly Value[] }
  | { readonly kind: 'value'; readonly value: Value };

/** `@default(...)`: client-side generators (uuid(), cuid()...) leave the column without a default. */
export function defaultOf(field: PrismaField): PrismaDefault {
  const attr = field.attributes.find((a) => a.name === 'default' && !a.group);
  if (!attr) return { kind: 'none' };
  const value = argument(attr, 0);
  if (isFunc(value)) {
    if (value.name === 'autoincrement') return { kind: 'autoincrement' };
    if (value.name === 'now') return { kind: 'now' };
    if (value.name === 'dbgenerated' && value.params?.length) return { kind: 'sql', sql: unquote(value.params[0]) };
    return { kind: 'none' };
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && value.type === 'array') return { kind: 'list', values: value.args ?? [] };
  return value === undefined ? { kind: 'none' } : { kind: 'value', value };
}

/** An enum value's database name, or the value itself. */
export function enumValue(context: PrismaContext, field: PrismaField, value: Value): string | undefined {
  const e = context.enums.get(field.type);
  return e ? (e.values.find((v) => v.name === value)?.dbName ?? String(value)) : undefined;
}

/** `@db.Name(args)` of a field, if any. */
export function nativeType(field: PrismaField): { name: string; args: string[] } | undefined {
  const native = field.attributes.find((a) => a.group === 'db');
  return native ? { name: native.name, args: (native.args ?? []).map((a) => String(a.value)) } : undefined;
}

export function columnsOf(model: PrismaModel, fieldNames: readonly string[]): string[] {
  return fieldNames.map((name) => model.fields.find((f) => f.name === name)?.column ?? name);
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

function mapArgument(attribute: Attribute | { args?: Attribute['args'] } | undefined): string | undefined {
  const value = argument(attribute as Attribute, 99, 'map');
  return value === undefined ? undefined : unquote(value);
}

function isFunc(value: Value | undefined): value is Func {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as Func).type === 'function';
}

export function fieldError(model: PrismaModel, field: PrismaField, message: string): UserError {
  return new UserError('BAD_INPUT', `${model.name}.${field.name}: ${message}`, { location: field.line ? { line: field.line, column: field.column_ ?? 1 } : undefined });
}

/** A string literal in SQL: single quotes doubled. */
export function sqlLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
