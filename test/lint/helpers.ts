import { beforeAll, expect } from 'vitest';
import { lintSql, loadLintParser } from '../../src/lint/lint.js';
import type { Finding, LintOptions } from '../../src/lint/types.js';

beforeAll(async () => {
  await loadLintParser();
});

/** The findings of one rule for `sql`. */
export function findingsOf(rule: string, sql: string, options: LintOptions = {}): Finding[] {
  return lintSql(sql, options).findings.filter((finding) => finding.rule === rule);
}

/** Asserts exactly one finding of `rule`, at `line`:`column`, and returns it. */
export function expectOne(rule: string, sql: string, line: number, column: number, options: LintOptions = {}): Finding {
  const found = findingsOf(rule, sql, options);
  expect(found.map((f) => [f.rule, f.line, f.column])).toEqual([[rule, line, column]]);
  return found[0] as Finding;
}

export function expectNone(rule: string, sql: string, options: LintOptions = {}): void {
  expect(findingsOf(rule, sql, options)).toEqual([]);
}
