/** Agreement with lint-migration: error findings a phase keeps are written down, with a reason, as disable comments. */
import { lintSql } from '../../lint/lint.js';
import type { Finding } from '../../lint/types.js';
import { isCommentOnly } from './phases.js';
import { withAccepted } from './sql.js';
import type { Accepted } from './types.js';

function codeOf(statement: string): string {
  return statement
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .trim();
}

/**
 * Lints the statements as one file; each error finding gets a disable comment before its statement
 * with `reason(finding)`. Needs `loadPostgresParser()` to have run.
 */
export function acceptLintErrors(statements: readonly string[], reason: (finding: Finding) => string): { statements: string[]; accepted: Accepted[]; findings: Finding[] } {
  const text = statements.filter((s) => !isCommentOnly(s)).map((s) => `${s};`).join('\n');
  const findings = text ? lintSql(text).findings.filter((f) => f.severity === 'error') : [];
  const byStatement = new Map<string, Accepted[]>();
  const accepted: Accepted[] = [];
  for (const finding of findings) {
    const entry = { rule: finding.rule, reason: reason(finding) };
    const list = byStatement.get(finding.statement) ?? [];
    if (!list.some((a) => a.rule === entry.rule)) list.push(entry);
    byStatement.set(finding.statement, list);
    if (!accepted.some((a) => a.rule === entry.rule && a.reason === entry.reason)) accepted.push(entry);
  }
  return { statements: statements.map((s) => withAccepted(s, byStatement.get(codeOf(s)) ?? [])), accepted, findings };
}
