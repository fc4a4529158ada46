import { relationName } from '../ast.js';
import { hasOption } from '../checks.js';
import type { Rule } from '../types.js';

export const requireConcurrentReindex: Rule = {
  id: 'require-concurrent-reindex',
  hazard: 'ACCESS_EXCLUSIVE_LOCK',
  severity: 'warning',
  summary: 'REINDEX without CONCURRENTLY blocks writes to the table and reads through the index.',
  minPgVersion: 12,
  doc: {
    problem:
      'A plain REINDEX locks the index with ACCESS EXCLUSIVE and the table with SHARE for the whole rebuild: ' +
      'writes wait, and so do queries that would use the index. Since PostgreSQL 12 REINDEX CONCURRENTLY ' +
      'rebuilds without blocking (it cannot run inside a transaction block).',
    badExample: 'REINDEX INDEX orders_user_id_idx;',
    goodExample: 'REINDEX INDEX CONCURRENTLY orders_user_id_idx;',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: true,
  },
  check(statement) {
    const node = statement.node;
    if (!('ReindexStmt' in node) || hasOption(node.ReindexStmt.params, 'concurrently')) return [];
    const kind = (node.ReindexStmt.kind ?? 'REINDEX_OBJECT_INDEX').replace('REINDEX_OBJECT_', '');
    const target = node.ReindexStmt.relation ? relationName(node.ReindexStmt.relation) : (node.ReindexStmt.name ?? '');
    return [
      {
        message: `REINDEX ${kind} ${target} blocks writes while it rebuilds.`,
        suggestion: kind === 'SYSTEM' ? 'System catalogs cannot be reindexed concurrently; run this in a maintenance window.' : `REINDEX ${kind} CONCURRENTLY ${target};`,
      },
    ];
  },
};
