/**
 * The shapes of a zero-downtime rollout: pieces of SQL that strategies write for one change, sorted
 * into a fixed sequence of phases, with the application deploys that must happen between them.
 */
import type { Severity } from '../../core/hazard.js';

/** Phases in the order they run. Each becomes its own migration (up and, where meaningful, down). */
export const PHASE_IDS = ['expand-types', 'expand', 'expand-indexes', 'backfill', 'validate', 'contract', 'contract-indexes'] as const;
export type PhaseId = (typeof PHASE_IDS)[number];
export type PhaseKind = 'expand' | 'backfill' | 'validate' | 'contract';

/** A lint error a statement is allowed to raise, written as a disable comment before it. */
export interface Accepted {
  readonly rule: string;
  readonly reason: string;
}

/** SQL one strategy contributes to one phase; `down` undoes `up` and runs in its own order. */
export interface Piece {
  readonly phase: PhaseId;
  readonly description: string;
  readonly up: readonly string[];
  readonly down: readonly string[];
  readonly accepted?: readonly Accepted[];
  /** Runs before the other pieces of its phase (a table rename that later statements name). */
  readonly first?: boolean;
}

/** An application deploy that must be live before `before` runs. */
export interface Deploy {
  readonly before: PhaseId;
  readonly text: string;
}

export interface ZdtWarning {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly object?: string;
}

export interface Contribution {
  readonly pieces: readonly Piece[];
  readonly deploys?: readonly Deploy[];
  readonly warnings?: readonly ZdtWarning[];
}

export interface ZdtOptions {
  /** lock_timeout of every phase: a blocked statement gives up after this long instead of queueing traffic. */
  readonly lockTimeout: string;
  /** Rows per backfill batch; each batch commits on its own. */
  readonly batchSize: number;
}

export interface ZdtPhase {
  readonly id: PhaseId;
  readonly kind: PhaseKind;
  readonly title: string;
  /** True: the statements run in one BEGIN/COMMIT; false: each commits on its own. */
  readonly transactional: boolean;
  /** Application deploys that must be live before this phase runs. */
  readonly before: readonly string[];
  /** Every statement of the up file, in order, each runnable on its own (BEGIN/COMMIT included). */
  readonly up: readonly string[];
  /** The down file's statements; empty when there is nothing to undo. */
  readonly down: readonly string[];
  readonly accepted: readonly Accepted[];
  readonly retry: string;
  readonly descriptions: readonly string[];
}

export interface ZeroDowntimePlan {
  readonly phases: readonly ZdtPhase[];
  /** Deploys due after the last phase (none today; kept so a rollout always reads to its end). */
  readonly after: readonly string[];
  readonly warnings: readonly ZdtWarning[];
}
