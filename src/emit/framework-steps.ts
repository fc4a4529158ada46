/**
 * What the framework emitters share: a plan's steps seen as actions a migration framework can say in its
 * own words (add a column, rename one, build an index...) or, where it cannot, as the step's own SQL.
 * Every native action keeps the SQL it stands for, so an emitter that cannot render a type or an option
 * falls back to that SQL and never guesses. The plan is the truth; this only recognises shapes in it.
 */
import type { Change } from '../core/change.js';
import type { Column, DialectId, Index } from '../core/model.js';
import { splitQualified } from '../core/model.js';
import type { Plan, Step } from '../core/plan.js';
import { destructiveSteps } from './emitter.js';

export interface TableRef {
  readonly schema: string;
  readonly table: string;
}

export type NativeAction =
  | (TableRef & { readonly kind: 'add_column'; readonly column: Column })
  | (TableRef & { readonly kind: 'drop_column'; readonly column: string })
  | (TableRef & { readonly kind: 'rename_column'; readonly from: string; readonly to: string })
  | (TableRef & { readonly kind: 'create_index'; readonly index: SimpleIndex; readonly concurrently: boolean })
  | (TableRef & { readonly kind: 'drop_index'; readonly name: string; readonly concurrently: boolean })
  | (TableRef & { readonly kind: 'alter_type'; readonly column: Column; readonly from: Column; readonly using?: string })
  | (TableRef & { readonly kind: 'alter_null'; readonly column: Column; readonly notNull: boolean });

/** A native action with the SQL it stands for, or plain SQL, or a reverse that does not exist. */
export type Action =
  | { readonly kind: 'native'; readonly op: NativeAction; readonly sql: readonly string[] }
  | { readonly kind: 'sql'; readonly sql: readonly string[] }
  | { readonly kind: 'irreversible'; readonly reason: string };

export interface FrameworkStep {
  readonly description: string;
  readonly transactional: boolean;
  readonly up: Action;
  readonly down: Action;
  /** What the down cannot bring back, when it runs but loses something. */
  readonly lossy?: string;
}

export interface SimpleIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly method: string;
  readonly where?: string;
}

export interface FrameworkPlan {
  readonly dialect: DialectId;
  readonly steps: readonly FrameworkStep[];
  /** Some step must run outside a transaction (CREATE INDEX CONCURRENTLY...). */
  readonly nonTransactional: boolean;
  /** Set when the plan loses data and the caller did not allow it: emitters stop the migration first. */
  readonly guard?: string;
}

export const GUARD_MESSAGE = 'migration-generator: this migration loses data; review it and regenerate with --allow-data-loss';

export function frameworkPlan(plan: Plan, allowDataLoss: boolean | undefined): FrameworkPlan {
  const steps = plan.steps.map((step) => frameworkStep(step));
  const guarded = destructiveSteps(plan).length > 0 && !allowDataLoss;
  return {
    dialect: plan.dialect,
    steps,
    nonTransactional: plan.steps.some((s) => !s.transactional),
    ...(guarded ? { guard: GUARD_MESSAGE } : {}),
  };
}

function frameworkStep(step: Step): FrameworkStep {
  const reverseSql = step.reverse.kind === 'sql' ? step.reverse.sql : undefined;
  const native = step.change ? nativePair(step.change, step) : undefined;
  const up: Action = native?.up ? { kind: 'native', op: native.up, sql: step.sql } : { kind: 'sql', sql: step.sql };
  let down: Action;
  if (step.reverse.kind === 'irreversible') down = { kind: 'irreversible', reason: step.reverse.reason };
  else if (native?.down && reverseSql) down = { kind: 'native', op: native.down, sql: reverseSql };
  else down = { kind: 'sql', sql: reverseSql ?? [] };
  return {
    description: step.description,
    transactional: step.transactional,
    up,
    down,
    ...(step.reverse.kind === 'sql' && step.reverse.lossy ? { lossy: step.reverse.lossy } : {}),
  };
}

const SIMPLE_NAME = /^[a-z_][a-z0-9_]*$/;
const METHODS = new Set(['btree', 'hash', 'gin', 'gist', 'brin', 'spgist']);

/**
 * An index a framework can build from column names: plain columns, no INCLUDE, no expressions, orders or
 * operator classes. The statement that builds it must say exactly that and nothing more.
 */
export function simpleIndex(index: Index, sql: string): SimpleIndex | undefined {
  if (!SIMPLE_NAME.test(index.name) || !METHODS.has(index.method) || (index.include?.length ?? 0) > 0) return undefined;
  if (!index.keys.every((key) => SIMPLE_NAME.test(key))) return undefined;
  const body = / USING (\w+) \(([^()]*)\)( WHERE .*)?$/s.exec(sql);
  if (!body || body[1] !== index.method || body[2] !== index.keys.join(', ')) return undefined;
  if ((body[3] ?? '') !== (index.where ? ` WHERE ${index.where}` : '')) return undefined;
  return { name: index.name, columns: index.keys, unique: index.unique, method: index.method, ...(index.where ? { where: index.where } : {}) };
}

/** A column a framework can add by name and type: no identity, generated expression or collation. */
function plainColumn(column: Column): boolean {
  return SIMPLE_NAME.test(column.name) && !column.identity && !column.generated && !column.collation && !column.extra;
}

function ref(table: string): TableRef | undefined {
  const { schema, name } = splitQualified(table);
  return SIMPLE_NAME.test(name) ? { schema, table: name } : undefined;
}

const one = (sql: readonly string[], pattern: RegExp): boolean => sql.length === 1 && pattern.test(sql[0] as string);

interface NativePair {
  readonly up?: NativeAction;
  readonly down?: NativeAction;
}

/** Recognises steps whose SQL is exactly what a framework's own operation would run. */
function nativePair(change: Change, step: Step): NativePair | undefined {
  const reverse = step.reverse.kind === 'sql' ? step.reverse.sql : [];
  switch (change.kind) {
    case 'add_column': {
      const at = ref(change.table);
      if (!at || !plainColumn(change.to) || !one(step.sql, /^ALTER TABLE \S+ ADD COLUMN /)) return undefined;
      return { up: { ...at, kind: 'add_column', column: change.to }, ...(one(reverse, /^ALTER TABLE \S+ DROP COLUMN \S+$/) ? { down: { ...at, kind: 'drop_column', column: change.to.name } } : {}) };
    }
    case 'drop_column': {
      const at = ref(change.table);
      if (!at || !SIMPLE_NAME.test(change.from.name) || !one(step.sql, /^ALTER TABLE \S+ DROP COLUMN \S+$/)) return undefined;
      const down = plainColumn(change.from) && one(reverse, /^ALTER TABLE \S+ ADD COLUMN /) ? { down: { ...at, kind: 'add_column' as const, column: change.from } } : {};
      return { up: { ...at, kind: 'drop_column', column: change.from.name }, ...down };
    }
    case 'rename_column': {
      const at = ref(change.table);
      if (!at || !SIMPLE_NAME.test(change.from.name) || !SIMPLE_NAME.test(change.to.name) || !one(step.sql, /RENAME COLUMN/) || !one(reverse, /RENAME COLUMN/)) return undefined;
      return { up: { ...at, kind: 'rename_column', from: change.from.name, to: change.to.name }, down: { ...at, kind: 'rename_column', from: change.to.name, to: change.from.name } };
    }
    case 'add_index': {
      const at = ref(change.table);
      if (!at || !one(step.sql, /^CREATE (UNIQUE )?INDEX /)) return undefined;
      const index = simpleIndex(change.to, step.sql[0] as string);
      if (!index) return undefined;
      const concurrently = /^CREATE (UNIQUE )?INDEX CONCURRENTLY /.test(step.sql[0] as string);
      const down = one(reverse, /^DROP INDEX /) ? { down: { ...at, kind: 'drop_index' as const, name: index.name, concurrently: /CONCURRENTLY/.test(reverse[0] as string) } } : {};
      return { up: { ...at, kind: 'create_index', index, concurrently }, ...down };
    }
    case 'drop_index': {
      const at = ref(change.table);
      if (!at || !SIMPLE_NAME.test(change.from.name) || !one(step.sql, /^DROP INDEX /)) return undefined;
      const index = one(reverse, /^CREATE (UNIQUE )?INDEX /) ? simpleIndex(change.from, reverse[0] as string) : undefined;
      const down = index ? { down: { ...at, kind: 'create_index' as const, index, concurrently: /CONCURRENTLY/.test(reverse[0] as string) } } : {};
      return { up: { ...at, kind: 'drop_index', name: change.from.name, concurrently: /CONCURRENTLY/.test(step.sql[0] as string) }, ...down };
    }
    case 'alter_column': {
      const at = ref(change.table);
      if (!at || !SIMPLE_NAME.test(change.to.name) || change.aspects.length !== 1) return undefined;
      if (change.aspects[0] === 'type' && one(step.sql, /ALTER COLUMN \S+ TYPE /) && one(reverse, /ALTER COLUMN \S+ TYPE /)) {
        return {
          up: { ...at, kind: 'alter_type', column: change.to, from: change.from, ...usingOf(step.sql[0] as string) },
          down: { ...at, kind: 'alter_type', column: change.from, from: change.to, ...usingOf(reverse[0] as string) },
        };
      }
      if (change.aspects[0] === 'notNull' && one(step.sql, /ALTER COLUMN \S+ (SET|DROP) NOT NULL$/) && one(reverse, /ALTER COLUMN \S+ (SET|DROP) NOT NULL$/)) {
        return { up: { ...at, kind: 'alter_null', column: change.to, notNull: change.to.notNull }, down: { ...at, kind: 'alter_null', column: change.from, notNull: change.from.notNull } };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function usingOf(sql: string): { using?: string } {
  const match = / USING (.+)$/s.exec(sql);
  return match ? { using: match[1] as string } : {};
}

/** Consecutive steps grouped by whether they may share a transaction, in order. */
export function transactionRuns(steps: readonly FrameworkStep[]): { readonly transactional: boolean; readonly steps: readonly FrameworkStep[] }[] {
  const runs: { transactional: boolean; steps: FrameworkStep[] }[] = [];
  for (const step of steps) {
    const last = runs[runs.length - 1];
    if (last && last.transactional && step.transactional) last.steps.push(step);
    else runs.push({ transactional: step.transactional, steps: [step] });
  }
  return runs;
}

/** Single-quoted string literal for Ruby and PHP, where only `\\` and `\'` are escapes. */
export function singleQuoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A Python string literal (JSON's escapes are all valid Python). */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** `MyMigrationName` from a slug, for class names. */
export function camelName(slug: string): string {
  const out = slug
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return /^[A-Za-z]/.test(out) ? out : `M${out}`;
}

/** A statement that stops a SQL-file migration with `message`, in the dialect's own words. */
export function failingStatement(dialect: DialectId, message: string): string {
  if (dialect === 'postgres') return `DO $stop$ BEGIN RAISE EXCEPTION '${message.replace(/'/g, "''").replace(/\$stop\$/g, '')}'; END $stop$`;
  // MySQL and SQLite have no RAISE outside routines and triggers: a table that cannot exist names the reason.
  const quote = dialect === 'mysql' ? '`' : '"';
  return `SELECT * FROM ${quote}${message.replace(/[`"]/g, "'")}${quote}`;
}

/** Statements of a step in one direction for SQL-file formats; an irreversible reverse stops the file. */
export function stepStatements(step: FrameworkStep, direction: 'up' | 'down', dialect: DialectId): readonly string[] {
  const action = direction === 'up' ? step.up : step.down;
  return action.kind === 'irreversible' ? [failingStatement(dialect, `irreversible step: ${step.description}: ${action.reason}`)] : action.sql;
}
