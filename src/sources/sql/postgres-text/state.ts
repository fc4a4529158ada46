/**
 * The mutable catalog the text reader builds while it walks the statements, and its conversion to
 * the schema model once every statement has run.
 */
import type { Column, Constraint, EnumType, Index, Namespace, Schema, Sequence, Table, View } from '../../../core/model.js';
import { compareText, qualify, sortedRecord } from '../../../core/model.js';
import { needsDatabase } from './fallback.js';

export interface TableState {
  readonly schema: string;
  readonly name: string;
  readonly columns: Column[];
  readonly constraints: Map<string, Constraint>;
  readonly indexes: Map<string, Index>;
  comment?: string;
  /** Model keys this table needs (types, referenced tables and columns, sequences). */
  readonly needs: Set<string>;
}

/** The search path of a fresh session: `"$user", public`, and no `$user` schema exists. */
export const DEFAULT_SCHEMA = 'public';

export class TextCatalog {
  readonly namespaces = new Map<string, Namespace>([
    [DEFAULT_SCHEMA, { name: DEFAULT_SCHEMA, comment: 'standard public schema', grants: [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }] }],
  ]);
  readonly enums = new Map<string, EnumType>();
  readonly tables = new Map<string, TableState>();
  readonly sequences = new Map<string, Sequence>();
  readonly views = new Map<string, View>();
  /** Per view: the relations and columns its query reads. */
  readonly viewNeeds = new Map<string, Set<string>>();
  /** Per schema: names in pg_class (tables, indexes, sequences) and in pg_type (row types, enums). */
  private readonly relationNames = new Map<string, Set<string>>();
  /** Per schema: every constraint name (generated names avoid all of them). */
  private readonly constraintNames = new Map<string, Set<string>>();

  schemaFor(schema: string | undefined): string {
    const name = schema ?? DEFAULT_SCHEMA;
    if (!this.namespaces.has(name)) needsDatabase(`schema ${name} does not exist here`);
    return name;
  }

  table(schema: string | undefined, name: string): TableState {
    const key = qualify(this.schemaFor(schema), name);
    return this.tables.get(key) ?? needsDatabase(`table ${key} is not known here`);
  }

  userType(schema: string | undefined, name: string): string | undefined {
    const key = qualify(schema ?? DEFAULT_SCHEMA, name);
    return this.enums.has(key) ? key : undefined;
  }

  isRelationName(schema: string, name: string): boolean {
    return this.relationNames.get(schema)?.has(name) ?? false;
  }

  /** Claims a name in pg_class (and pg_type for tables); a taken name is a case for the database. */
  claimRelation(schema: string, name: string): void {
    const names = setFor(this.relationNames, schema);
    if (names.has(name)) needsDatabase(`the name ${schema}.${name} is taken`);
    names.add(name);
  }

  claimConstraint(schema: string, name: string, indexBacked: boolean): void {
    if (indexBacked) this.claimRelation(schema, name);
    setFor(this.constraintNames, schema).add(name);
  }

  /** A generated name must be free both as a constraint and (for index-backed ones) as a relation. */
  assertFreeName(schema: string, name: string, asRelation: boolean): void {
    if (this.constraintNames.get(schema)?.has(name) || (asRelation && this.isRelationName(schema, name))) {
      needsDatabase(`PostgreSQL would number the generated name ${name}`);
    }
  }

  toSchema(): Schema {
    const dependencies: Record<string, string[]> = {};
    const tables: Record<string, Table> = {};
    for (const [key, t] of this.tables) {
      tables[key] = tableModel(t);
      const needs = [...t.needs].filter((n) => n !== `table:${key}`).sort(compareText);
      if (needs.length > 0) dependencies[`table:${key}`] = needs;
    }
    for (const [key, needs] of this.viewNeeds) dependencies[`view:${key}`] = [...needs].filter((n) => n !== `view:${key}`).sort(compareText);
    return {
      dialect: 'postgres',
      namespaces: sortedRecord(Object.fromEntries(this.namespaces)),
      extensions: {},
      collations: {},
      enums: sortedRecord(Object.fromEntries(this.enums)),
      domains: {},
      compositeTypes: {},
      sequences: sortedRecord(Object.fromEntries(this.sequences)),
      tables: sortedRecord(tables),
      views: sortedRecord(Object.fromEntries(this.views)),
      routines: {},
      dependencies: sortedRecord(dependencies),
      unsupported: [],
    };
  }
}

function tableModel(t: TableState): Table {
  const table: Table = {
    schema: t.schema,
    name: t.name,
    columns: t.columns,
    constraints: sortedRecord(Object.fromEntries(t.constraints)),
    indexes: sortedRecord(Object.fromEntries(t.indexes)),
    triggers: {},
    policies: {},
  };
  return t.comment === undefined ? table : { ...table, comment: t.comment };
}

function setFor(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
