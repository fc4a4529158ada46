/**
 * What the planner needs from a dialect: its capabilities and one renderer per change kind. The
 * table of renderers is exhaustive, so a new change kind does not compile until every dialect
 * renders it.
 */
import type { ChangeKind, ChangeOf } from '../core/change.js';
import type { Hazard } from '../core/hazard.js';
import type { DialectId, Routine, Schema, View } from '../core/model.js';
import type { Phase, Reverse, Step } from '../core/plan.js';

export interface PlanOptions {
  /** Build indexes on existing tables with CREATE INDEX CONCURRENTLY (outside the transaction). */
  readonly concurrently?: boolean;
}

export interface RenderContext {
  readonly from: Schema;
  readonly to: Schema;
  readonly options: PlanOptions;
}

/** A step as a renderer writes it; the planner fills in defaults and the source change. */
export interface StepDraft {
  readonly sql: readonly string[];
  readonly reverse: Reverse;
  readonly hazards?: readonly Hazard[];
  readonly transactional?: boolean;
  readonly description?: string;
  readonly phase?: Phase;
}

export type ChangeRenderer<K extends ChangeKind> = (change: ChangeOf<K>, ctx: RenderContext) => StepDraft;
export type ChangeRenderers = { readonly [K in ChangeKind]: ChangeRenderer<K> };

export interface DialectCapabilities {
  /** DDL runs inside a transaction and rolls back with it. */
  readonly transactionalDdl: boolean;
  readonly concurrentIndex: boolean;
}

export interface PlanDialect {
  readonly id: DialectId;
  readonly capabilities: DialectCapabilities;
  readonly render: ChangeRenderers;
  /** Whether an in-place replacement keeps working, or the object must be dropped and created. */
  readonly canReplaceView: (from: View, to: View) => boolean;
  readonly canReplaceRoutine: (from: Routine, to: Routine) => boolean;
  /**
   * Rewrites the rendered steps as a whole, for what one change at a time cannot say: several
   * changes of one table in one statement (MySQL), one table rebuild for many changes (SQLite).
   */
  readonly finish?: (steps: readonly Step[], ctx: RenderContext) => Step[];
  /** What a reader of any migration of this dialect must know (non-transactional DDL...). */
  readonly notes?: (steps: readonly Step[]) => readonly string[];
}
