/**
 * schema.prisma → a small, resolved description of models, fields and enums, with Prisma's own
 * naming (@map/@@map) applied. Parsing is @mrleebo/prisma-ast; errors point at line and column.
 */
import { getSchema, type Attribute, type AttributeArgument, type BlockAttribute, type Field, type Func, type Model, type Value } from '@mrleebo/prisma-ast';
import { UserError } from '../../core/errors.js';

export interface PrismaEnum {
  readonly name: string;
  readonly dbName: string;
  readonly schema?: string;
  readonly values: readonly { readonly name: string; readonly dbName: string }[];
}

export interface PrismaField {
  readonly name: string;
  readonly column: string;
  readonly type: string;
  readonly list: boolean;
  readonly optional: boolean;
  readonly attributes: readonly Attribute[];
  readonly line?: number;
  readonly column_?: number;
}

export interface PrismaModel {
  readonly name: string;
  readonly table: string;
  readonly schema?: string;
  readonly fields: readonly PrismaField[];
  readonly blockAttributes: readonly BlockAttribute[];
}

export interface PrismaDocument {
  readonly provider: string;
  readonly models: readonly PrismaModel[];
  readonly enums: readonly PrismaEnum[];
  readonly file?: string;
}

export function parsePrisma(text: string, file?: string): PrismaDocument {
  let schema: ReturnType<typeof getSchema>;
  try {
    schema = getSchema(text);
  } catch (error) {
    const token = (error as { token?: { startLine?: number; startColumn?: number } }).token;
    const message = (error as Error).message.replace(/\s+/g, ' ');
    throw new UserError('SYNTAX_ERROR', `invalid Prisma schema: ${message}`, {
      location: { file, line: token?.startLine ?? 1, column: token?.startColumn ?? 1 },
    });
  }
  let provider = 'postgresql';
  const models: PrismaModel[] = [];
  const enums: PrismaEnum[] = [];
  for (const block of schema.list) {
    if (block.type === 'datasource') {
      const assignment = block.assignments.find((a) => a.type === 'assignment' && a.key === 'provider');
      if (assignment && assignment.type === 'assignment') provider = unquote(assignment.value);
    } else if (block.type === 'enum') {
      const values = block.enumerators.filter((e) => e.type === 'enumerator');
      const attributes = block.enumerators.filter((e): e is BlockAttribute => e.type === 'attribute');
      enums.push({
        name: block.name,
        dbName: mapName(attributes) ?? block.name,
        schema: schemaName(attributes),
        values: values.map((v) => ({ name: v.name, dbName: mapName(v.attributes ?? []) ?? v.name })),
      });
    } else if (block.type === 'model') {
      const model = toModel(block);
      if (model) models.push(model);
    }
  }
  return { provider, models, enums, file };
}

function toModel(block: Model): PrismaModel | undefined {
  const blockAttributes = block.properties.filter((p): p is BlockAttribute => p.type === 'attribute');
  if (blockAttributes.some((a) => a.name === 'ignore')) return undefined;
  const fields = block.properties
    .filter((p): p is Field => p.type === 'field')
    .filter((f) => !(f.attributes ?? []).some((a) => a.name === 'ignore'))
    .map((f) => ({
      name: f.name,
      column: mapName(f.attributes ?? []) ?? f.name,
      type: typeof f.fieldType === 'string' ? f.fieldType : unsupportedType(f.fieldType),
      list: Boolean(f.array),
      optional: Boolean(f.optional),
      attributes: f.attributes ?? [],
      line: f.location?.startLine,
      column_: f.location?.startColumn,
    }));
  return { name: block.name, table: mapName(blockAttributes) ?? block.name, schema: schemaName(blockAttributes), fields, blockAttributes };
}

/** `Unsupported("circle")` keeps the database type as written. */
function unsupportedType(func: Func): string {
  return `Unsupported:${unquote(func.params?.[0] ?? '')}`;
}

function mapName(attributes: readonly (Attribute | BlockAttribute)[]): string | undefined {
  const map = attributes.find((a) => a.name === 'map' && !a.group);
  const value = map?.args?.[0]?.value;
  return value === undefined ? undefined : unquote(value as Value);
}

function schemaName(attributes: readonly BlockAttribute[]): string | undefined {
  const value = attributes.find((a) => a.name === 'schema')?.args?.[0]?.value;
  return value === undefined ? undefined : unquote(value as Value);
}

/** Positional argument `index` of an attribute, or its `name:` argument. */
export function argument(attribute: Attribute | BlockAttribute | undefined, index: number, name?: string): Value | undefined {
  const args: AttributeArgument[] = attribute?.args ?? [];
  if (name) {
    const named = args.find((a) => isKeyValue(a.value) && a.value.key === name);
    if (named && isKeyValue(named.value)) return named.value.value;
  }
  const positional = args.filter((a) => !isKeyValue(a.value));
  return positional[index]?.value as Value | undefined;
}

function isKeyValue(value: unknown): value is { type: 'keyValue'; key: string; value: Value } {
  return typeof value === 'object' && value !== null && (value as { type?: string }).type === 'keyValue';
}

export function unquote(value: Value | undefined): string {
  if (typeof value !== 'string') return String(value ?? '');
  return value.startsWith('"') && value.endsWith('"') ? JSON.parse(value) : value;
}

/** Field names listed in `[a, b(sort: Desc)]`, with their sort order. */
export function fieldList(value: Value | undefined): { name: string; desc: boolean }[] {
  const items = value && typeof value === 'object' && !Array.isArray(value) && value.type === 'array' ? (value.args ?? []) : [];
  return items.map((item) => {
    if (typeof item === 'string') return { name: item, desc: false };
    const func = item as Func;
    const sort = (func.params ?? []).find((p) => isKeyValue(p) && p.key === 'sort');
    return { name: func.name, desc: isKeyValue(sort) && sort.value === 'Desc' };
  });
}
