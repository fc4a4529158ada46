import type { Change } from './change.js';
import type { Hazard } from './hazard.js';
import type { DialectId } from './model.js';

/** Where a step belongs in a zero-downtime rollout; a plain migration uses `migrate` throughout. */
export type Phase = 'expand' | 'backfill' | 'migrate' | 'contract';

/** The inverse of a step, written with it. `lossy` says what the reverse cannot bring back. */
export type Reverse =
  | { readonly kind: 'sql'; readonly sql: readonly string[]; readonly lossy?: string }
  | { readonly kind: 'irreversible'; readonly reason: string };

export interface Step {
  /** Statements, each complete and without a trailing semicolon. */
  readonly sql: readonly string[];
  readonly reverse: Reverse;
  readonly hazards: readonly Hazard[];
  readonly phase: Phase;
  /** False for statements PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY...). */
  readonly transactional: boolean;
  /** Short human description, used as a comment in emitted files. */
  readonly description: string;
  readonly change?: Change;
}

export interface Plan {
  readonly dialect: DialectId;
  readonly steps: readonly Step[];
  /** True when every step has a reverse that restores schema and data. */
  readonly reversible: boolean;
  /** True when every step may run inside one transaction. */
  readonly transactional: boolean;
  /** Dialect notes a reader must see (emitted as header comments): non-transactional DDL and what a failure leaves. */
  readonly notes?: readonly string[];
}

export function makePlan(dialect: DialectId, steps: readonly Step[], transactionalDdl: boolean): Plan {
  return {
    dialect,
    steps,
    reversible: steps.every((step) => step.reverse.kind === 'sql' && step.reverse.lossy === undefined),
    transactional: transactionalDdl && steps.every((step) => step.transactional),
  };
}
