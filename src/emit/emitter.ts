/**
 * Emitters map a plan onto a framework's file shape. They are pure: the same plan and options give
 * byte-identical files, and they never diff again. Writing the files is the caller's job (write-files.ts).
 */
import type { Hazard } from '../core/hazard.js';
import type { Plan, Step } from '../core/plan.js';

export interface EmittedFile {
  /** Relative to the output folder. */
  readonly path: string;
  readonly content: string;
}

export interface EmitOptions {
  /** Migration name, already a safe slug (see naming.ts). */
  readonly name: string;
  /** File prefix: a sequence number (`004`) or a timestamp (`20250101120000`). */
  readonly prefix: string;
  /**
   * UTC time as 14 digits (YYYYMMDDHHMMSS) for formats that name files or classes by time: from
   * `--timestamp`, else the caller's clock. Emitters never read the clock themselves. Empty for an
   * emitter that does not declare `usesTimestamp`, when there is no clock.
   */
  readonly timestamp: string;
  /** Files already in the output folder (relative paths), to chain onto: Alembic heads, Django dependencies... */
  readonly existing: readonly EmittedFile[];
  /** Without it, a plan that loses data is emitted behind a guard that stops it from running. */
  readonly allowDataLoss?: boolean;
}

export interface Emitter {
  readonly format: string;
  /** Names files or classes by time, so generate-migration must have a timestamp or a clock. */
  readonly usesTimestamp?: boolean;
  emit(plan: Plan, options: EmitOptions): EmittedFile[];
}

export function destructiveSteps(plan: Plan): Step[] {
  return plan.steps.filter((step) => step.hazards.some((h) => h.code === 'DATA_LOSS'));
}

/** Every hazard of the plan once, in step order. */
export function planHazards(plan: Plan): Hazard[] {
  const seen = new Set<string>();
  const out: Hazard[] = [];
  for (const step of plan.steps) {
    for (const h of step.hazards) {
      const key = `${h.code}:${h.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(h);
    }
  }
  return out;
}
