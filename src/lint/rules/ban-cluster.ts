import { relationName } from '../ast.js';
import type { Rule } from '../types.js';

export const banCluster: Rule = {
  id: 'ban-cluster',
  hazard: 'TABLE_REWRITE',
  severity: 'error',
  summary: 'CLUSTER rewrites the table in index order under an ACCESS EXCLUSIVE lock.',
  doc: {
    problem:
      'CLUSTER copies the whole table in the order of an index and rebuilds all indexes while an ACCESS ' +
      'EXCLUSIVE lock blocks reads and writes. The ordering is not maintained afterwards either.',
    badExample: 'CLUSTER orders USING orders_created_at_idx;',
    goodExample: '-- reorder online with pg_repack --order-by, outside the migration',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: true,
    scans: true,
  },
  check(statement) {
    const node = statement.node;
    if (!('ClusterStmt' in node)) return [];
    const target = node.ClusterStmt.relation ? relationName(node.ClusterStmt.relation) : 'every previously clustered table';
    return [{ message: `CLUSTER rewrites ${target} under an ACCESS EXCLUSIVE lock.`, suggestion: 'Use pg_repack (--order-by) to reorder without blocking.' }];
  },
};
