import { UserError, locate } from '../core/errors.js';
import type { Comment } from './parse.js';
import type { Statement } from './types.js';

/** Every rule: a directive without ids. */
export const ALL_RULES = '*';

const DIRECTIVE = /^(?:--|\/\*)\s*migration-generator-disable(-file|-next-statement)?(?=\s|\*\/|$)(.*)$/su;

export interface Disables {
  /** Rule ids (or `*`) switched off for each statement, by statement index. */
  readonly byStatement: ReadonlyMap<number, ReadonlySet<string>>;
  /** Rule ids (or `*`) switched off for the whole file. */
  readonly file: ReadonlySet<string>;
}

/**
 * Reads disable directives from comments. A directive applies to the statement that follows it,
 * as long as no other statement comes between them; `-file` applies to every statement:
 *
 *   -- migration-generator-disable ban-drop-column, renaming-column -- reason
 *   -- migration-generator-disable-next-statement ban-drop-table     (same meaning)
 *   -- migration-generator-disable-file prefer-text-field
 *
 * Without rule ids a directive silences every rule. Unknown ids are an error, so a typo cannot hide.
 */
export function readDisables(
  sql: string,
  statements: readonly Statement[],
  comments: readonly Comment[],
  knownRules: ReadonlySet<string>,
  file?: string,
): Disables {
  const byStatement = new Map<number, Set<string>>();
  const fileWide = new Set<string>();
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const ids = directiveIds(match[2] ?? '');
    for (const id of ids) {
      if (id !== ALL_RULES && !knownRules.has(id)) {
        throw new UserError('BAD_INPUT', `unknown lint rule '${id}' in a disable comment`, {
          location: locate(sql, comment.start, file),
          hint: 'rule ids are listed by the lint rule docs',
        });
      }
    }
    if (match[1] === '-file') {
      for (const id of ids) fileWide.add(id);
      continue;
    }
    const next = statements.find((statement) => statement.start >= comment.end);
    // A directive inside a statement (or after the last one) has nothing to apply to.
    if (!next || statements.some((s) => s.start < comment.start && comment.start < s.end)) continue;
    const set = byStatement.get(next.index) ?? new Set<string>();
    for (const id of ids) set.add(id);
    byStatement.set(next.index, set);
  }
  return { byStatement, file: fileWide };
}

function directiveIds(rest: string): string[] {
  const body = rest.replace(/\*\/\s*$/u, '').split(/\s--\s|^--\s/u)[0] ?? '';
  const ids = body
    .split(/[\s,]+/u)
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  return ids.length === 0 ? [ALL_RULES] : ids;
}

export function isDisabled(disables: Disables, statementIndex: number, ruleId: string): boolean {
  const local = disables.byStatement.get(statementIndex);
  return (
    disables.file.has(ALL_RULES) ||
    disables.file.has(ruleId) ||
    (local !== undefined && (local.has(ALL_RULES) || local.has(ruleId)))
  );
}
