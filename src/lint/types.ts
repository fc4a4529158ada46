import type { Node } from 'libpg-query';
import type { HazardCode, Severity } from '../core/hazard.js';

/** One top-level statement of a migration file, as the PostgreSQL parser split it. */
export interface Statement {
  readonly index: number;
  /** The parsed statement: a one-key object such as `{ AlterTableStmt: {...} }`. */
  readonly node: Node;
  /** Source text from the first token to the end of the statement, without the semicolon. */
  readonly text: string;
  /** Offsets into the whole input, in JS string units (UTF-16). */
  readonly start: number;
  readonly end: number;
}

/** What earlier statements of the same file established, seen from one statement. */
export interface StatementState {
  /** An explicit `BEGIN` / `START TRANSACTION` is open. */
  readonly inTransaction: boolean;
  /** Index of the statement that opened the current explicit transaction. */
  readonly transactionStart?: number;
  /** The file controls transactions itself (it contains BEGIN, COMMIT or ROLLBACK). */
  readonly explicitTransactions: boolean;
  /** A non-zero `lock_timeout` was set earlier in the file. */
  readonly lockTimeout: boolean;
  readonly statementTimeout: boolean;
  /** Tables, views and indexes created earlier in this file (lower-case keys, see `relationKey`). */
  readonly created: ReadonlySet<string>;
}

export interface LintContext {
  readonly sql: string;
  readonly pgVersion: number;
  readonly statements: readonly Statement[];
  readonly state: StatementState;
  /** The state before any statement of the file, by index. */
  readonly states: readonly StatementState[];
  /** True when the named relation (`name` or `schema.name`) was created earlier in this file. */
  readonly isNew: (schema: string | undefined, name: string | undefined) => boolean;
}

/** What a rule reports about one statement; the runner adds position, rule id and code. */
export interface RuleHit {
  readonly message: string;
  /** Byte offset into the input as the parser reports it (`location`); the statement start if absent. */
  readonly at?: number;
  /** A safe rewrite: SQL, or prose when no single statement will do. */
  readonly suggestion?: string;
  /** Overrides the rule's default when this case is milder or worse than the usual one. */
  readonly severity?: Severity;
}

export type LockLevel =
  | 'none'
  | 'ACCESS SHARE'
  | 'ROW EXCLUSIVE'
  | 'SHARE UPDATE EXCLUSIVE'
  | 'SHARE'
  | 'SHARE ROW EXCLUSIVE'
  | 'EXCLUSIVE'
  | 'ACCESS EXCLUSIVE';

export interface RuleDoc {
  readonly problem: string;
  readonly badExample: string;
  readonly goodExample: string;
  /** The strongest table lock the flagged statement takes. */
  readonly lock: LockLevel;
  readonly rewrites: boolean;
  readonly scans: boolean;
}

export interface Rule {
  /** kebab-case, equal to the rule's file name. */
  readonly id: string;
  readonly hazard: HazardCode;
  readonly severity: Severity;
  readonly summary: string;
  readonly doc: RuleDoc;
  /** The rule only applies from this PostgreSQL major version on. */
  readonly minPgVersion?: number;
  /** The rule only applies up to this PostgreSQL major version. */
  readonly maxPgVersion?: number;
  readonly check: (statement: Statement, context: LintContext) => readonly RuleHit[];
}

export interface Finding {
  readonly rule: string;
  readonly code: HazardCode;
  readonly severity: Severity;
  readonly message: string;
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  readonly statement: string;
  readonly suggestion?: string;
  readonly docs?: string;
}

export interface LintResult {
  readonly findings: readonly Finding[];
  readonly statements: number;
  /** Rules switched off for the whole run (options and file-wide comments), sorted. */
  readonly disabled: readonly string[];
}

export interface LintOptions {
  readonly file?: string;
  /** PostgreSQL major version the migration will run on; 15 when absent. */
  readonly pgVersion?: number;
  readonly disable?: readonly string[];
}
