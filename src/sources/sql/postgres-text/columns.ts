/** Column definitions: type, NOT NULL, default, identity and serial, as PostgreSQL stores them. */
import type { Column, Identity } from '../../../core/model.js';
import { qualify } from '../../../core/model.js';
import { qualifiedName } from '../../../dialects/postgres/quote.js';
import { renderDefault, type ExpressionScope } from './expressions.js';
import { needsDatabase } from './fallback.js';
import { makeObjectName } from './names.js';
import { SEQUENCE_BOUNDS, sequenceOptions } from './sequences.js';
import type { TextCatalog, TableState } from './state.js';
import { resolveType } from './types.js';

type Node = Record<string, any>;


/** The field order introspection produces, so both readers serialise a column identically. */
export function columnModel(c: Column): Column {
  const out: Record<string, unknown> = { name: c.name, type: c.type, notNull: c.notNull };
  for (const key of ['default', 'identity', 'generated', 'collation', 'comment', 'grants', 'extra'] as const) {
    if (c[key] !== undefined) out[key] = c[key];
  }
  return out as unknown as Column;
}

export function scopeOf(catalog: TextCatalog, table: TableState): ExpressionScope {
  return {
    userType: (schema, name) => catalog.userType(schema, name),
    columnType: (name) => table.columns.find((c) => c.name === name)?.type,
    enumLabels: (key) => catalog.enums.get(key)?.labels,
    sequenceKey: (schema, name) => {
      const key = qualify(catalog.schemaFor(schema), name);
      if (!catalog.sequences.has(key)) return undefined;
      table.needs.add(`sequence:${key}`);
      return key;
    },
    noteColumn: (name) => table.needs.add(`column:${qualify(table.schema, table.name)}.${name}`),
    noteType: (key) => table.needs.add(`type:${key}`),
  };
}

/** Adds a column; its constraints other than NOT NULL/DEFAULT/identity are returned for the table to add. */
export function addColumn(catalog: TextCatalog, table: TableState, def: Node): Node[] {
  const name = String(def.colname);
  if (table.columns.some((c) => c.name === name)) needsDatabase(`column ${name} is declared twice`);
  if (def.collClause || def.compression || def.storage_name || def.fdwoptions || def.is_from_type) needsDatabase('a column option');
  const type = resolveType(def.typeName, catalog);
  if (type.userType) table.needs.add(`type:${type.userType}`);
  let column: Column = { name, type: type.text, notNull: false };
  const rest: Node[] = [];
  let sawNull = false;
  for (const item of (def.constraints ?? []) as Node[]) {
    const c = item.Constraint as Node;
    switch (c.contype) {
      case 'CONSTR_NOTNULL':
        if (c.conname || c.is_no_inherit) needsDatabase('a named NOT NULL constraint');
        column = { ...column, notNull: true };
        break;
      case 'CONSTR_NULL':
        sawNull = true;
        break;
      case 'CONSTR_DEFAULT': {
        if (column.default !== undefined) needsDatabase('two defaults');
        // A default may not read columns: with none in scope, such a default is left to the database.
        column = withOptional(column, 'default', renderDefault(c.raw_expr, type.text, { ...scopeOf(catalog, table), columnType: () => undefined }));
        break;
      }
      case 'CONSTR_IDENTITY':
        column = { ...column, notNull: true, identity: identityOf(catalog, c, type.text) };
        claimSequence(catalog, table, name);
        break;
      default:
        rest.push(c);
    }
  }
  if (sawNull && column.notNull) needsDatabase('NULL and NOT NULL on one column');
  if (type.serialOf) column = serialColumn(catalog, table, column, type.serialOf);
  if (column.identity && column.default !== undefined) needsDatabase('identity with a default');
  table.columns.push(columnModel(column));
  return rest;
}

export function replaceColumn(table: TableState, name: string, column: Column): void {
  const at = table.columns.findIndex((c) => c.name === name);
  if (at < 0) needsDatabase(`column ${name} is not known here`);
  table.columns[at] = columnModel(column);
}

export function withOptional<K extends keyof Column>(column: Column, key: K, value: Column[K] | undefined): Column {
  const out = { ...column } as Record<string, unknown>;
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out as unknown as Column;
}

function identityOf(catalog: TextCatalog, c: Node, type: string): Identity {
  if (!SEQUENCE_BOUNDS[type]) needsDatabase(`identity on a ${type} column`);
  const { options, ownedBy } = sequenceOptions(c.options ?? [], catalog, type);
  if (ownedBy !== undefined) needsDatabase('OWNED BY on an identity sequence');
  return { always: c.generated_when === 'a', sequence: options };
}

/** The implicit sequence takes `<table>_<column>_seq` in pg_class. */
function claimSequence(catalog: TextCatalog, table: TableState, column: string): string {
  const name = makeObjectName(table.name, column, 'seq');
  catalog.claimRelation(table.schema, name);
  return name;
}

/** serial: an owned sequence, a nextval default and NOT NULL. */
function serialColumn(catalog: TextCatalog, table: TableState, column: Column, type: string): Column {
  if (column.default !== undefined || column.identity) needsDatabase('serial with a default');
  const name = claimSequence(catalog, table, column.name);
  const key = qualify(table.schema, name);
  catalog.sequences.set(key, {
    schema: table.schema,
    name,
    dataType: type,
    start: '1',
    increment: '1',
    min: '1',
    max: String(SEQUENCE_BOUNDS[type]?.[1]),
    cache: '1',
    cycle: false,
    ownedBy: `${table.schema}.${table.name}.${column.name}`,
  });
  table.needs.add(`sequence:${key}`);
  const regclass = qualifiedName(table.schema, name).replace(/'/g, "''");
  return { ...column, notNull: true, default: `nextval('${regclass}'::regclass)` };
}
