import { cloneNode, strings, toSql } from '../ast.js';
import type { Rule } from '../types.js';

export const requireConcurrentIndexDeletion: Rule = {
  id: 'require-concurrent-index-deletion',
  hazard: 'ACCESS_EXCLUSIVE_LOCK',
  severity: 'warning',
  summary: 'DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table.',
  doc: {
    problem:
      'A plain DROP INDEX locks the table with ACCESS EXCLUSIVE. The drop itself is quick, but the lock request ' +
      'queues behind any long query on the table and every later query queues behind it. DROP INDEX ' +
      'CONCURRENTLY waits for running transactions without blocking new ones.',
    badExample: 'DROP INDEX orders_user_id_idx;',
    goodExample: 'DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_idx;',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('DropStmt' in node) || node.DropStmt.removeType !== 'OBJECT_INDEX' || node.DropStmt.concurrent) return [];
    const names = (node.DropStmt.objects ?? []).map((object) => ('List' in object ? strings(object.List.items) : []));
    const existing = names.filter((parts) => !context.isNew(parts.length > 1 ? parts[0] : undefined, parts[parts.length - 1]));
    if (existing.length === 0) return [];
    const fixed = cloneNode(node.DropStmt);
    fixed.concurrent = true;
    // PostgreSQL drops only one index per DROP INDEX CONCURRENTLY.
    const suggestion =
      names.length === 1
        ? `${toSql({ DropStmt: fixed })};`
        : names.map((parts) => `DROP INDEX CONCURRENTLY${node.DropStmt.missing_ok ? ' IF EXISTS' : ''} ${parts.join('.')};`).join('\n');
    return [
      {
        message: `Dropping ${existing.map((parts) => parts.join('.')).join(', ')} takes an ACCESS EXCLUSIVE lock on the table.`,
        suggestion,
      },
    ];
  },
};
