/**
 * One closed catalogue of hazards. The planner attaches them to the steps that cause them; the
 * linter finds the same codes in any SQL. A generated plan and `lint-migration` on its SQL agree.
 */
export const HAZARD_CODES = [
  'DATA_LOSS',
  'TABLE_REWRITE',
  'ACCESS_EXCLUSIVE_LOCK',
  'SHARE_LOCK',
  'FULL_TABLE_SCAN',
  'BREAKING_CHANGE',
  'INDEX_BUILD',
  'NOT_TRANSACTIONAL',
  'MAY_FAIL',
  'IRREVERSIBLE',
  'UNSUPPORTED_OBJECT',
  /** A column type likely to cost later: id overflow, time-zone bugs, padding, costly type changes. */
  'TYPE_CHOICE',
] as const;

export type HazardCode = (typeof HAZARD_CODES)[number];
export type Severity = 'error' | 'warning' | 'info';

export interface Hazard {
  readonly code: HazardCode;
  readonly severity: Severity;
  readonly message: string;
  readonly help?: string;
}

const DEFAULT_SEVERITY: Record<HazardCode, Severity> = {
  DATA_LOSS: 'error',
  TABLE_REWRITE: 'warning',
  ACCESS_EXCLUSIVE_LOCK: 'warning',
  SHARE_LOCK: 'warning',
  FULL_TABLE_SCAN: 'info',
  BREAKING_CHANGE: 'warning',
  INDEX_BUILD: 'info',
  NOT_TRANSACTIONAL: 'info',
  MAY_FAIL: 'warning',
  IRREVERSIBLE: 'warning',
  UNSUPPORTED_OBJECT: 'warning',
  TYPE_CHOICE: 'info',
};

export function hazard(code: HazardCode, message: string, help?: string, severity: Severity = DEFAULT_SEVERITY[code]): Hazard {
  return help === undefined ? { code, severity, message } : { code, severity, message, help };
}
