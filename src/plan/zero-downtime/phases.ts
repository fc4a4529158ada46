/** Phase metadata and the text of phase files: timeouts, transaction framing, retry notes. */
import type { PhaseId, PhaseKind } from './types.js';

export interface PhaseMeta {
  readonly kind: PhaseKind;
  readonly transactional: boolean;
  readonly title: string;
  /** `statement_timeout` of the phase; '0' only where a statement is long by design and holds a weak lock. */
  readonly statementTimeout: string;
  readonly retry: string;
}

export const PHASES: Readonly<Record<PhaseId, PhaseMeta>> = {
  'expand-types': {
    kind: 'expand',
    transactional: false,
    title: 'Add enum values, outside a transaction so later phases can use them',
    statementTimeout: "'1min'",
    retry: 'Safe to run again: every value is added IF NOT EXISTS.',
  },
  expand: {
    kind: 'expand',
    transactional: true,
    title: 'Expand: new tables, columns, triggers and NOT VALID constraints; old code keeps working',
    statementTimeout: "'1min'",
    retry: 'One transaction: on a lock_timeout error nothing is applied; wait for the blocking transaction to end and run the phase again.',
  },
  'expand-indexes': {
    kind: 'expand',
    transactional: false,
    title: 'Build indexes CONCURRENTLY, outside any transaction (reads and writes go on)',
    statementTimeout: "'0'",
    retry: 'Safe to run again: a build that failed leaves an INVALID index, which the DROP INDEX CONCURRENTLY IF EXISTS before each build removes.',
  },
  backfill: {
    kind: 'backfill',
    transactional: false,
    title: 'Backfill in key-range batches, each committed on its own, with progress notices',
    statementTimeout: "'0'",
    retry: "Resumable: rows already filled are skipped on a rerun; SET mg.backfill_from = '<key>' starts from the last key a notice reported.",
  },
  validate: {
    kind: 'validate',
    transactional: false,
    title: 'Validate constraints under SHARE UPDATE EXCLUSIVE, then SET NOT NULL without a scan',
    statementTimeout: "'0'",
    retry: 'Each statement commits on its own and can run again (a leftover NOT NULL check is dropped and added anew), except ADD CONSTRAINT ... USING INDEX: skip it on a rerun once it has succeeded.',
  },
  contract: {
    kind: 'contract',
    transactional: true,
    title: 'Contract: drop what the deployed code no longer uses, swap shadow columns in',
    statementTimeout: "'1min'",
    retry: 'One transaction: on a lock_timeout error nothing is applied; run the phase again.',
  },
  'contract-indexes': {
    kind: 'contract',
    transactional: false,
    title: 'Drop indexes CONCURRENTLY, outside any transaction',
    statementTimeout: "'0'",
    retry: 'Safe to run again: every drop is IF EXISTS.',
  },
};

/** A statement made only of comments: kept in files, never sent to the server. */
export function isCommentOnly(statement: string): boolean {
  return statement.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}

/** The statements of a phase file with its timeouts and, when transactional, BEGIN/COMMIT around them. */
export function frame(meta: PhaseMeta, body: readonly string[], lockTimeout: string): string[] {
  if (body.length === 0) return [];
  const lock = `'${lockTimeout.replace(/'/g, "''")}'`;
  if (meta.transactional) {
    return ['BEGIN', `SET LOCAL lock_timeout = ${lock}`, `SET LOCAL statement_timeout = ${meta.statementTimeout}`, ...body, 'COMMIT'];
  }
  return [`SET lock_timeout = ${lock}`, `SET statement_timeout = ${meta.statementTimeout}`, ...body, 'RESET statement_timeout', 'RESET lock_timeout'];
}

export function renderFile(header: readonly string[], statements: readonly string[]): string {
  const lines = header.map((line) => (line === '' ? '--' : `-- ${line}`));
  const body = statements.map((s) => (isCommentOnly(s) ? s : `${s};`));
  return `${lines.join('\n')}\n\n${body.join('\n\n')}\n`;
}
