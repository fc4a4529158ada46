import type { Rule } from '../types.js';

export const preferRobustStmts: Rule = {
  id: 'prefer-robust-stmts',
  hazard: 'MAY_FAIL',
  severity: 'info',
  summary: 'Statements that cannot run in a transaction should be safe to run again.',
  doc: {
    problem:
      'A CONCURRENTLY statement runs outside any transaction, so if the migration fails half-way nothing is ' +
      'rolled back and the retry meets objects the first attempt already created or dropped. IF NOT EXISTS / IF ' +
      'EXISTS make the retry succeed. A CREATE INDEX CONCURRENTLY that failed leaves an INVALID index behind: ' +
      'drop it (DROP INDEX CONCURRENTLY IF EXISTS) before retrying.',
    badExample: 'CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);',
    goodExample:
      'DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_idx;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_idx ON orders (user_id);',
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  check(statement) {
    const node = statement.node;
    if ('IndexStmt' in node && node.IndexStmt.concurrent && !node.IndexStmt.if_not_exists && node.IndexStmt.idxname) {
      return [
        {
          message: `CREATE INDEX CONCURRENTLY ${node.IndexStmt.idxname} fails on a retry once a first attempt has created it.`,
          suggestion: `Use CREATE INDEX CONCURRENTLY IF NOT EXISTS, after DROP INDEX CONCURRENTLY IF EXISTS ${node.IndexStmt.idxname} to clear an INVALID leftover.`,
        },
      ];
    }
    if ('DropStmt' in node && node.DropStmt.concurrent && !node.DropStmt.missing_ok) {
      return [{ message: 'DROP INDEX CONCURRENTLY fails on a retry once a first attempt has dropped the index.', suggestion: 'Use DROP INDEX CONCURRENTLY IF EXISTS.' }];
    }
    return [];
  },
};
