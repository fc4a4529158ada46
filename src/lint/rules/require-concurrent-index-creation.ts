import { cloneNode, relationName, toSql } from '../ast.js';
import type { Rule } from '../types.js';

export const requireConcurrentIndexCreation: Rule = {
  id: 'require-concurrent-index-creation',
  hazard: 'SHARE_LOCK',
  severity: 'error',
  summary: 'CREATE INDEX without CONCURRENTLY blocks writes to the table for the whole build.',
  doc: {
    problem:
      'A plain CREATE INDEX takes a SHARE lock: reads go on, but every INSERT, UPDATE and DELETE waits until ' +
      'the index is built, which takes minutes on a large table. CREATE INDEX CONCURRENTLY builds it without ' +
      'blocking writes (it is slower and cannot run inside a transaction block).',
    badExample: 'CREATE INDEX orders_user_id_idx ON orders (user_id);',
    goodExample: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_idx ON orders (user_id);',
    lock: 'SHARE',
    rewrites: false,
    scans: true,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('IndexStmt' in node) || node.IndexStmt.concurrent) return [];
    const relation = node.IndexStmt.relation;
    if (context.isNew(relation?.schemaname, relation?.relname)) return [];
    const fixed = cloneNode(node.IndexStmt);
    fixed.concurrent = true;
    return [
      {
        message: `Building index${node.IndexStmt.idxname ? ` ${node.IndexStmt.idxname}` : ''} on ${relationName(relation)} blocks writes until it is done.`,
        suggestion: `${toSql({ IndexStmt: fixed })};`,
      },
    ];
  },
};
