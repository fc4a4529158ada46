/**
 * The canonical schema model. Every source (SQL text, live database, Prisma, migrations folder)
 * produces a `Schema`; the diff compares two of them. Objects are keyed by qualified name and
 * every collection is kept sorted by key, so serialising a Schema is deterministic.
 *
 * Text fields that hold SQL (types, defaults, expressions, definitions) hold the database's own
 * normalised rendering (for PostgreSQL: `format_type`, `pg_get_expr`, `pg_get_*def`), so two
 * schemas that mean the same thing compare equal as plain strings.
 */

export type DialectId = 'postgres' | 'mysql' | 'sqlite';
export const DIALECTS: readonly DialectId[] = ['postgres', 'mysql', 'sqlite'];

/** A privilege granted on a table, column, sequence, function or schema. */
export interface Grant {
  readonly grantee: string;
  readonly privilege: string;
  readonly grantable: boolean;
}

export interface Column {
  readonly name: string;
  /** Normalised type, e.g. `character varying(255)`, `integer[]`, `public.mood`. */
  readonly type: string;
  readonly notNull: boolean;
  readonly default?: string;
  readonly identity?: Identity;
  /** Expression of a generated column (`GENERATED ALWAYS AS (expr) STORED`). */
  readonly generated?: string;
  readonly collation?: string;
  readonly comment?: string;
  readonly grants?: readonly Grant[];
  /** Dialect extras that have no portable meaning (MySQL `ON UPDATE`, `AUTO_INCREMENT`, charset...). */
  readonly extra?: Readonly<Record<string, string>>;
}

export interface Identity {
  readonly always: boolean;
  readonly sequence?: SequenceOptions;
}

export interface SequenceOptions {
  readonly dataType?: string;
  readonly start?: string;
  readonly increment?: string;
  readonly min?: string;
  readonly max?: string;
  readonly cache?: string;
  readonly cycle?: boolean;
}

export type ConstraintKind = 'primary_key' | 'unique' | 'check' | 'foreign_key' | 'exclusion';

export interface ForeignKeyTarget {
  readonly table: string;
  readonly columns: readonly string[];
  readonly onDelete: string;
  readonly onUpdate: string;
  readonly match?: string;
}

export interface Constraint {
  readonly name: string;
  readonly kind: ConstraintKind;
  /** The database's rendering of the constraint body, e.g. `FOREIGN KEY (a) REFERENCES t(id)`. */
  readonly definition: string;
  readonly columns: readonly string[];
  readonly references?: ForeignKeyTarget;
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
  /** False for a constraint added `NOT VALID` and never validated. */
  readonly validated: boolean;
  readonly comment?: string;
}

export interface Index {
  readonly name: string;
  readonly unique: boolean;
  readonly method: string;
  /** Key parts: a column name, or an expression in parentheses, with opclass/order if any. */
  readonly keys: readonly string[];
  readonly include?: readonly string[];
  readonly where?: string;
  /** Full CREATE INDEX statement as the database renders it. */
  readonly definition: string;
  readonly comment?: string;
}

export interface Trigger {
  readonly name: string;
  readonly definition: string;
  readonly function?: string;
  readonly enabled?: string;
  readonly comment?: string;
}

export interface Policy {
  readonly name: string;
  readonly command: string;
  readonly permissive: boolean;
  readonly roles: readonly string[];
  readonly using?: string;
  readonly withCheck?: string;
}

export interface Partitioning {
  /** `PARTITION BY` clause body, e.g. `RANGE (created_at)`. */
  readonly by?: string;
  /** Parent of a partition and its bound, e.g. `FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')`. */
  readonly of?: string;
  readonly bound?: string;
}

export interface Table {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly Column[];
  readonly constraints: Readonly<Record<string, Constraint>>;
  readonly indexes: Readonly<Record<string, Index>>;
  readonly triggers: Readonly<Record<string, Trigger>>;
  readonly policies: Readonly<Record<string, Policy>>;
  readonly rowSecurity?: boolean;
  readonly forceRowSecurity?: boolean;
  readonly unlogged?: boolean;
  readonly partitioning?: Partitioning;
  readonly inherits?: readonly string[];
  readonly options?: readonly string[];
  readonly comment?: string;
  readonly grants?: readonly Grant[];
  /** Dialect extras: MySQL engine/charset/collation, SQLite `WITHOUT ROWID`/`STRICT`. */
  readonly extra?: Readonly<Record<string, string>>;
}

export interface EnumType {
  readonly schema: string;
  readonly name: string;
  readonly labels: readonly string[];
  readonly comment?: string;
}

export interface DomainType {
  readonly schema: string;
  readonly name: string;
  readonly baseType: string;
  readonly notNull: boolean;
  readonly default?: string;
  readonly collation?: string;
  readonly checks: Readonly<Record<string, string>>;
  readonly comment?: string;
}

export interface CompositeType {
  readonly schema: string;
  readonly name: string;
  readonly attributes: readonly { readonly name: string; readonly type: string; readonly collation?: string }[];
  readonly comment?: string;
}

export interface Sequence extends SequenceOptions {
  readonly schema: string;
  readonly name: string;
  /** `schema.table.column` when the sequence is OWNED BY a column. */
  readonly ownedBy?: string;
  readonly comment?: string;
  readonly grants?: readonly Grant[];
}

export interface View {
  readonly schema: string;
  readonly name: string;
  readonly materialized: boolean;
  /** The query as the database renders it (`pg_get_viewdef`). */
  readonly definition: string;
  readonly columns: readonly string[];
  /** The output columns' types, in order, where the dialect reports them (PostgreSQL). */
  readonly columnTypes?: readonly string[];
  readonly options?: readonly string[];
  readonly indexes: Readonly<Record<string, Index>>;
  /** INSTEAD OF (and other) triggers on the view. */
  readonly triggers?: Readonly<Record<string, Trigger>>;
  readonly columnComments?: Readonly<Record<string, string>>;
  readonly comment?: string;
  readonly grants?: readonly Grant[];
}

export interface Routine {
  readonly schema: string;
  readonly name: string;
  readonly kind: 'function' | 'procedure' | 'aggregate';
  /** Identity arguments as the database prints them: `a integer, b text`. */
  readonly args: readonly string[] | string;
  readonly returns?: string;
  readonly language: string;
  /** Complete `CREATE OR REPLACE FUNCTION ...` statement. */
  readonly definition: string;
  readonly comment?: string;
  readonly grants?: readonly Grant[];
}

export interface Extension {
  readonly name: string;
  readonly schema: string;
  /** Absent when the source did not pin one: whatever version is installed is accepted. */
  readonly version?: string;
}

/** A user-defined collation (`CREATE COLLATION`). */
export interface Collation {
  readonly schema: string;
  readonly name: string;
  /** `libc`, `icu` or `builtin`. */
  readonly provider: string;
  readonly locale?: string;
  readonly lcCollate?: string;
  readonly lcCtype?: string;
  readonly rules?: string;
  readonly deterministic: boolean;
  readonly comment?: string;
}

export interface Namespace {
  readonly name: string;
  readonly comment?: string;
  readonly grants?: readonly Grant[];
}

/** Something a source contained that the model does not represent. Never dropped silently. */
export interface Unsupported {
  readonly kind: string;
  readonly name?: string;
  readonly location?: SourceLocation;
  readonly detail: string;
}

export interface SourceLocation {
  readonly file?: string;
  readonly line: number;
  readonly column: number;
}

export interface Schema {
  readonly dialect: DialectId;
  readonly namespaces: Readonly<Record<string, Namespace>>;
  readonly extensions: Readonly<Record<string, Extension>>;
  readonly collations: Readonly<Record<string, Collation>>;
  readonly enums: Readonly<Record<string, EnumType>>;
  readonly domains: Readonly<Record<string, DomainType>>;
  readonly compositeTypes: Readonly<Record<string, CompositeType>>;
  readonly sequences: Readonly<Record<string, Sequence>>;
  readonly tables: Readonly<Record<string, Table>>;
  readonly views: Readonly<Record<string, View>>;
  /** Keyed by `schema.name(identity args)` so overloads stay apart. */
  readonly routines: Readonly<Record<string, Routine>>;
  /** Object-level dependencies (`kind:key` → what it needs), used to order steps. */
  readonly dependencies: Readonly<Record<string, readonly string[]>>;
  readonly unsupported: readonly Unsupported[];
}

export type ObjectCollection = Exclude<keyof Schema, 'dialect' | 'dependencies' | 'unsupported'>;

export function emptySchema(dialect: DialectId): Schema {
  return {
    dialect,
    namespaces: {},
    extensions: {},
    collations: {},
    enums: {},
    domains: {},
    compositeTypes: {},
    sequences: {},
    tables: {},
    views: {},
    routines: {},
    dependencies: {},
    unsupported: [],
  };
}

/**
 * Qualified key of a schema-level object. MySQL and SQLite objects live in the connection's own
 * database, whose name differs between a scratch and a live one: their schema is '' and the key is
 * the bare name.
 */
export function qualify(schema: string, name: string): string {
  return schema === '' ? name : `${schema}.${name}`;
}

/** Splits a qualified key; names themselves may contain dots, the schema part may not. */
export function splitQualified(key: string): { schema: string; name: string } {
  const dot = key.indexOf('.');
  return dot < 0 ? { schema: '', name: key } : { schema: key.slice(0, dot), name: key.slice(dot + 1) };
}

/** Returns a copy of a record with keys in sorted order (code-point order, locale-independent). */
export function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort(compareText)) out[key] = record[key] as T;
  return out;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedValues<T>(record: Readonly<Record<string, T>>): T[] {
  return Object.keys(record)
    .sort(compareText)
    .map((key) => record[key] as T);
}
