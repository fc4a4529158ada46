/**
 * What the builder-style formats (Knex, TypeORM, Sequelize) share: each plan step, up and down, read as
 * one schema-builder operation when the step is exactly that operation and nothing more, and as raw SQL
 * otherwise. A step becomes an operation only when its SQL is a single statement a builder can say
 * (no NOT VALID, CONCURRENTLY, identity, collation, partial or expression index, other schema...), so the
 * builder's output means what the planned SQL means. Each format may still decline an operation it
 * cannot express; it then gets the step's SQL.
 */
import type { Change } from '../core/change.js';
import type { Column, Constraint, DialectId, Index, Table } from '../core/model.js';
import { sortedValues, splitQualified } from '../core/model.js';
import type { Plan, Step } from '../core/plan.js';
import { destructiveSteps } from './emitter.js';

export interface PlainColumn {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly default?: string;
}

export interface PlainTable {
  readonly name: string;
  readonly columns: readonly PlainColumn[];
  readonly primaryKey?: { readonly name: string; readonly columns: readonly string[] };
  readonly uniques: readonly { readonly name: string; readonly columns: readonly string[] }[];
  readonly checks: readonly { readonly name: string; readonly expression: string }[];
}

export interface PlainIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

export interface PlainForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete: string;
  readonly onUpdate: string;
}

/** Table names are bare: operations exist only for tables in the default schema. */
export type BuilderOp =
  | { readonly op: 'createTable'; readonly table: PlainTable }
  | { readonly op: 'dropTable'; readonly table: string }
  | { readonly op: 'renameTable'; readonly from: string; readonly to: string }
  | { readonly op: 'addColumn'; readonly table: string; readonly column: PlainColumn }
  | { readonly op: 'dropColumn'; readonly table: string; readonly column: string; readonly type: string }
  | { readonly op: 'renameColumn'; readonly table: string; readonly from: string; readonly to: string; readonly serial: boolean }
  | { readonly op: 'addIndex'; readonly table: string; readonly index: PlainIndex }
  | { readonly op: 'dropIndex'; readonly table: string; readonly index: PlainIndex }
  | { readonly op: 'addForeignKey'; readonly table: string; readonly fk: PlainForeignKey }
  | { readonly op: 'dropForeignKey'; readonly table: string; readonly fk: PlainForeignKey };

export type BuilderOpName = BuilderOp['op'];

/** One unit of an emitted up or down: an operation, raw SQL, or an error for what cannot be undone. */
export type Action =
  | { readonly kind: 'op'; readonly op: BuilderOp; readonly sql: readonly string[] }
  | { readonly kind: 'raw'; readonly sql: readonly string[] }
  | { readonly kind: 'irreversible'; readonly message: string };

export interface ActionStep {
  readonly description: string;
  readonly transactional: boolean;
  readonly action: Action;
  readonly note?: string;
}

/** The schema a dialect's tables live in when the migration names them bare. */
const DEFAULT_SCHEMA: Record<DialectId, string> = { postgres: 'public', mysql: '', sqlite: '' };

export function upSteps(plan: Plan): ActionStep[] {
  const views = viewKeys(plan);
  return plan.steps.map((step) => ({ description: step.description, transactional: step.transactional, action: upAction(plan.dialect, step, views) }));
}

export function downSteps(plan: Plan): ActionStep[] {
  const views = viewKeys(plan);
  return [...plan.steps].reverse().map((step) => ({
    description: `undo: ${step.description}`,
    transactional: step.transactional,
    action: downAction(plan.dialect, step, views),
    ...(step.reverse.kind === 'sql' && step.reverse.lossy ? { note: `LOSSY: ${step.reverse.lossy}` } : {}),
  }));
}

/**
 * Views the plan creates, replaces or drops: their indexes are not table indexes (builders look the
 * table up). An index added to a materialized view the plan does not touch is not seen here.
 */
function viewKeys(plan: Plan): Set<string> {
  const keys = new Set<string>();
  for (const step of plan.steps) {
    const c = step.change;
    if (c?.kind === 'create_view' || c?.kind === 'replace_view') keys.add(`${c.to.schema}.${c.to.name}`);
    if (c?.kind === 'drop_view' || c?.kind === 'replace_view') keys.add(`${c.from.schema}.${c.from.name}`);
  }
  return keys;
}

function onView(change: Change | undefined, views: ReadonlySet<string>): boolean {
  return (change?.kind === 'add_index' || change?.kind === 'drop_index') && views.has(change.table);
}

function upAction(dialect: DialectId, step: Step, views: ReadonlySet<string>): Action {
  const op = step.change && step.sql.length === 1 && step.transactional && !onView(step.change, views) ? forwardOp(dialect, step.change) : undefined;
  return op && !inlineKeys(dialect, op, step.sql) ? { kind: 'op', op, sql: step.sql } : { kind: 'raw', sql: step.sql };
}

/**
 * SQLite cannot add a foreign key to an existing table, so its plan writes a new table's keys inside
 * CREATE TABLE (the change itself carries none): such a table is created by its SQL, not the builder.
 */
function inlineKeys(dialect: DialectId, op: BuilderOp, sql: readonly string[]): boolean {
  return dialect === 'sqlite' && op.op === 'createTable' && sql.some((s) => /\bREFERENCES\b/i.test(s));
}

function downAction(dialect: DialectId, step: Step, views: ReadonlySet<string>): Action {
  if (step.reverse.kind === 'irreversible') return { kind: 'irreversible', message: `irreversible step: ${step.description}: ${step.reverse.reason}` };
  const op = step.change && step.reverse.sql.length === 1 && step.transactional && !onView(step.change, views) ? reverseOp(dialect, step.change) : undefined;
  return op && !inlineKeys(dialect, op, step.reverse.sql) ? { kind: 'op', op, sql: step.reverse.sql } : { kind: 'raw', sql: step.reverse.sql };
}

function forwardOp(dialect: DialectId, change: Change): BuilderOp | undefined {
  const bare = (key: string) => bareName(dialect, key);
  switch (change.kind) {
    case 'create_table': {
      const table = plainTable(dialect, change.to);
      return table && { op: 'createTable', table };
    }
    case 'drop_table': {
      const name = bare(`${change.from.schema ? `${change.from.schema}.` : ''}${change.from.name}`);
      return name === undefined ? undefined : { op: 'dropTable', table: name };
    }
    case 'rename_table':
      return renameTableOp(dialect, change.from, change.to);
    case 'add_column': {
      const table = bare(change.table);
      const column = plainColumn(change.to);
      return table !== undefined && column ? { op: 'addColumn', table, column } : undefined;
    }
    case 'drop_column': {
      const table = bare(change.table);
      return table === undefined ? undefined : { op: 'dropColumn', table, column: change.from.name, type: change.from.type };
    }
    case 'rename_column': {
      const table = bare(change.table);
      return table === undefined ? undefined : { op: 'renameColumn', table, from: change.from.name, to: change.to.name, serial: isSerial(change.from) };
    }
    case 'add_index': {
      // SQLite keeps CREATE INDEX as written and compares that text: the planned statement, not a builder's quoting.
      if (dialect === 'sqlite') return undefined;
      const table = bare(change.table);
      const index = plainIndex(change.to);
      return table !== undefined && index ? { op: 'addIndex', table, index } : undefined;
    }
    case 'drop_index': {
      const table = bare(change.table);
      const index = plainIndex(change.from);
      return table !== undefined && index ? { op: 'dropIndex', table, index } : undefined;
    }
    case 'add_constraint': {
      const table = bare(change.table);
      const fk = plainForeignKey(dialect, change.to);
      return table !== undefined && fk ? { op: 'addForeignKey', table, fk } : undefined;
    }
    case 'drop_constraint': {
      const table = bare(change.table);
      const fk = plainForeignKey(dialect, change.from);
      return table !== undefined && fk ? { op: 'dropForeignKey', table, fk } : undefined;
    }
    default:
      return undefined;
  }
}

/** The operation that undoes `change`, when the step's reverse is exactly that. */
function reverseOp(dialect: DialectId, change: Change): BuilderOp | undefined {
  const forward = forwardOp(dialect, change);
  if (!forward) return undefined;
  switch (forward.op) {
    case 'createTable':
      return { op: 'dropTable', table: forward.table.name };
    case 'dropTable': {
      const table = change.kind === 'drop_table' ? plainTable(dialect, change.from) : undefined;
      return table && { op: 'createTable', table };
    }
    case 'renameTable':
      return { op: 'renameTable', from: forward.to, to: forward.from };
    case 'addColumn':
      return { op: 'dropColumn', table: forward.table, column: forward.column.name, type: forward.column.type };
    case 'dropColumn': {
      const column = change.kind === 'drop_column' ? plainColumn(change.from) : undefined;
      return column && { op: 'addColumn', table: forward.table, column };
    }
    case 'renameColumn':
      return { ...forward, from: forward.to, to: forward.from };
    case 'addIndex':
      return { op: 'dropIndex', table: forward.table, index: forward.index };
    case 'dropIndex':
      return dialect === 'sqlite' ? undefined : { op: 'addIndex', table: forward.table, index: forward.index };
    case 'addForeignKey':
      return { op: 'dropForeignKey', table: forward.table, fk: forward.fk };
    case 'dropForeignKey':
      return { op: 'addForeignKey', table: forward.table, fk: forward.fk };
  }
}

function renameTableOp(dialect: DialectId, from: Table, to: Table): BuilderOp | undefined {
  if (from.schema !== to.schema || from.schema !== DEFAULT_SCHEMA[dialect]) return undefined;
  return { op: 'renameTable', from: from.name, to: to.name };
}

/** The bare table name for a key in the dialect's default schema; undefined elsewhere. */
export function bareName(dialect: DialectId, key: string): string | undefined {
  const { schema, name } = splitQualified(key);
  return schema === DEFAULT_SCHEMA[dialect] ? name : undefined;
}

function plainColumn(column: Column): PlainColumn | undefined {
  if (column.identity || column.generated !== undefined || column.collation || column.comment !== undefined || column.grants?.length || column.extra) return undefined;
  return { name: column.name, type: column.type, notNull: column.notNull, ...(column.default !== undefined ? { default: column.default } : {}) };
}

function plainTable(dialect: DialectId, table: Table): PlainTable | undefined {
  if (table.schema !== DEFAULT_SCHEMA[dialect]) return undefined;
  if (table.partitioning || table.inherits?.length || table.options?.length || table.unlogged || table.extra) return undefined;
  const columns = table.columns.map(plainColumn);
  if (columns.some((c) => c === undefined)) return undefined;
  let primaryKey: PlainTable['primaryKey'];
  const uniques: { name: string; columns: readonly string[] }[] = [];
  const checks: { name: string; expression: string }[] = [];
  for (const c of sortedValues(table.constraints)) {
    if (c.kind === 'foreign_key') continue; // added by later steps (SQLite: see inlineKeys)
    if (!c.validated || c.deferrable || c.comment !== undefined) return undefined;
    if (c.kind === 'primary_key') primaryKey = { name: c.name, columns: c.columns };
    else if (c.kind === 'unique' && /^UNIQUE \([^()]*\)$/.test(c.definition)) uniques.push({ name: c.name, columns: c.columns });
    else if (c.kind === 'check' && /^CHECK \(.*\)$/s.test(c.definition)) checks.push({ name: c.name, expression: c.definition.slice('CHECK ('.length, -1) });
    else return undefined;
  }
  return { name: table.name, columns: columns as PlainColumn[], ...(primaryKey ? { primaryKey } : {}), uniques, checks };
}

const IDENT = /^(?:[a-z_][a-z0-9_$]*|"((?:[^"]|"")+)")$/;

/** Column names of a key list, or undefined if any key is an expression, has an order or an opclass. */
function plainColumns(keys: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const key of keys) {
    const match = IDENT.exec(key);
    if (!match) return undefined;
    out.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : key);
  }
  return out;
}

function plainIndex(index: Index): PlainIndex | undefined {
  if (index.method !== 'btree' || index.include?.length || index.where || index.comment !== undefined) return undefined;
  const columns = plainColumns(index.keys);
  return columns && { name: index.name, columns, unique: index.unique };
}

function plainForeignKey(dialect: DialectId, constraint: Constraint): PlainForeignKey | undefined {
  const ref = constraint.references;
  if (constraint.kind !== 'foreign_key' || !ref || !constraint.validated || constraint.deferrable || constraint.comment !== undefined) return undefined;
  if (ref.match && ref.match !== 'SIMPLE' && ref.match !== 'NONE') return undefined;
  const refTable = bareName(dialect, ref.table);
  if (refTable === undefined) return undefined;
  return { name: constraint.name, columns: constraint.columns, refTable, refColumns: ref.columns, onDelete: ref.onDelete, onUpdate: ref.onUpdate };
}

function isSerial(column: Column): boolean {
  return column.default !== undefined && /^nextval\(/i.test(column.default);
}

/** Steps in runs that share a transaction mode, in order. */
export function transactionRuns(steps: readonly ActionStep[]): { transactional: boolean; steps: ActionStep[] }[] {
  const runs: { transactional: boolean; steps: ActionStep[] }[] = [];
  for (const step of steps) {
    const last = runs[runs.length - 1];
    if (last && last.transactional === step.transactional) last.steps.push(step);
    else runs.push({ transactional: step.transactional, steps: [step] });
  }
  return runs;
}

/** A header comment shared by the builder formats: what the migration does and what it risks. */
export function headerLines(plan: Plan, name: string): string[] {
  const destructive = destructiveSteps(plan);
  const hazards = new Set<string>();
  for (const step of plan.steps) for (const h of step.hazards) if (h.severity !== 'info') hazards.add(`${h.code}: ${h.message}`);
  return [
    `Migration ${name}: ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'}, generated by migration-generator.`,
    ...plan.steps.map((s) => `  ${s.description}`),
    ...(hazards.size ? ['Hazards:', ...[...hazards].map((h) => `  ${h}`)] : []),
    ...(destructive.length ? [`DESTRUCTIVE: ${destructive.map((s) => s.description).join('; ')}.`] : []),
  ];
}

/** Message of the error a data-losing migration emitted without allowDataLoss throws before doing anything. */
export const DATA_LOSS_GUARD = 'migration-generator: this migration loses data; review it and regenerate with --allow-data-loss';

export function isGuarded(plan: Plan, allowDataLoss: boolean | undefined): boolean {
  return destructiveSteps(plan).length > 0 && !allowDataLoss;
}

/** A JavaScript string literal (single-quoted, escaped), for names and SQL inside generated code. */
export function js(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

/** A template literal for multi-line SQL, readable in the generated file. */
export function jsSql(sql: string): string {
  if (!sql.includes('\n')) return js(sql);
  return `\`${sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
}

export function jsList(items: readonly string[]): string {
  return `[${items.map(js).join(', ')}]`;
}

/** `20250101120000` → milliseconds since the epoch, as TypeORM names migrations. */
export function timestampMillis(timestamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(timestamp);
  if (!m) return timestamp;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return String(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
}
