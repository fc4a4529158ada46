import { UserError, locate } from '../core/errors.js';
import { statementStates, isCreated } from './context.js';
import { ALL_RULES, isDisabled, readDisables } from './disable.js';
import { parseMigration } from './parse.js';
import { RULES, ruleDocUri } from './registry.js';
import type { Finding, LintContext, LintOptions, LintResult, Rule } from './types.js';

export { loadLintParser } from './parse.js';

export const DEFAULT_PG_VERSION = 15;
const MIN_PG_VERSION = 9;
const MAX_PG_VERSION = 30;

/** Lints PostgreSQL migration SQL. Needs `await loadLintParser()` once before the first call. */
export function lintSql(sql: string, options: LintOptions = {}): LintResult {
  const pgVersion = checkedVersion(options.pgVersion);
  const known = new Set(RULES.map((rule) => rule.id));
  const runDisabled = new Set(options.disable ?? []);
  for (const id of runDisabled) {
    if (id !== ALL_RULES && !known.has(id)) {
      throw new UserError('BAD_INPUT', `unknown lint rule '${id}'`, { hint: `known rules: ${[...known].sort().join(', ')}` });
    }
  }
  const parsed = parseMigration(sql, options.file);
  const disables = readDisables(sql, parsed.statements, parsed.comments, known, options.file);
  const states = statementStates(parsed.statements);
  const active = RULES.filter((rule) => appliesTo(rule, pgVersion) && !runDisabled.has(rule.id) && !runDisabled.has(ALL_RULES));
  const findings: (Finding & { offset: number })[] = [];
  for (const statement of parsed.statements) {
    const state = states[statement.index];
    if (!state) continue;
    const context: LintContext = {
      sql,
      pgVersion,
      statements: parsed.statements,
      state,
      states,
      isNew: (schema, name) => isCreated(state.created, schema, name),
    };
    for (const rule of active) {
      if (isDisabled(disables, statement.index, rule.id)) continue;
      for (const hit of rule.check(statement, context)) {
        const offset = hit.at === undefined ? statement.start : Math.max(statement.start, parsed.toOffset(hit.at));
        const { line, column } = locate(sql, offset);
        findings.push({
          rule: rule.id,
          code: rule.hazard,
          severity: hit.severity ?? rule.severity,
          message: hit.message,
          ...(options.file === undefined ? {} : { file: options.file }),
          line,
          column,
          statement: statement.text,
          ...(hit.suggestion === undefined ? {} : { suggestion: hit.suggestion }),
          docs: ruleDocUri(rule.id),
          offset,
        });
      }
    }
  }
  findings.sort((a, b) => a.offset - b.offset || compare(a.rule, b.rule) || compare(a.message, b.message));
  const disabled = new Set([...runDisabled, ...disables.file]);
  return {
    findings: findings.map(({ offset: _offset, ...finding }) => finding),
    statements: parsed.statements.length,
    disabled: [...disabled].sort(compare),
  };
}

export function appliesTo(rule: Rule, pgVersion: number): boolean {
  return (rule.minPgVersion === undefined || pgVersion >= rule.minPgVersion) && (rule.maxPgVersion === undefined || pgVersion <= rule.maxPgVersion);
}

function checkedVersion(version: number | undefined): number {
  if (version === undefined) return DEFAULT_PG_VERSION;
  if (!Number.isInteger(version) || version < MIN_PG_VERSION || version > MAX_PG_VERSION) {
    throw new UserError('BAD_INPUT', `pgVersion must be a PostgreSQL major version such as 15, got ${version}`);
  }
  return version;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
