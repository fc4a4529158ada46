import { relationName } from '../ast.js';
import type { Rule } from '../types.js';

export const requireConcurrentRefresh: Rule = {
  id: 'require-concurrent-refresh',
  hazard: 'ACCESS_EXCLUSIVE_LOCK',
  severity: 'warning',
  summary: 'REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view while it runs.',
  doc: {
    problem:
      'A plain refresh takes an ACCESS EXCLUSIVE lock on the materialized view for the whole query, so every ' +
      'reader waits. REFRESH ... CONCURRENTLY keeps the view readable; it needs a unique index on the view.',
    badExample: 'REFRESH MATERIALIZED VIEW daily_totals;',
    goodExample: 'REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: true,
    scans: true,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('RefreshMatViewStmt' in node) || node.RefreshMatViewStmt.concurrent || node.RefreshMatViewStmt.skipData) return [];
    const relation = node.RefreshMatViewStmt.relation;
    if (context.isNew(relation?.schemaname, relation?.relname)) return [];
    return [
      {
        message: `Refreshing ${relationName(relation)} blocks every reader of it until the refresh ends.`,
        suggestion: `REFRESH MATERIALIZED VIEW CONCURRENTLY ${relationName(relation)};  -- needs a unique index on the view`,
      },
    ];
  },
};
