import { concurrentOperation } from '../checks.js';
import type { Rule } from '../types.js';

export const banConcurrentIndexCreationInTransaction: Rule = {
  id: 'ban-concurrent-index-creation-in-transaction',
  hazard: 'NOT_TRANSACTIONAL',
  severity: 'error',
  summary: 'CONCURRENTLY operations fail inside a transaction block.',
  doc: {
    problem:
      'CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION ' +
      'CONCURRENTLY wait for other transactions between their phases, so PostgreSQL refuses them inside ' +
      'BEGIN ... COMMIT ("cannot run inside a transaction block"). The migration fails at that statement.',
    badExample: 'BEGIN;\nCREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);\nCOMMIT;',
    goodExample: 'CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);',
    lock: 'SHARE UPDATE EXCLUSIVE',
    rewrites: false,
    scans: true,
  },
  check(statement, context) {
    const operation = concurrentOperation(statement.node);
    if (!operation || !context.state.inTransaction) return [];
    return [
      {
        message: `${operation} cannot run inside the transaction block opened by statement ${(context.state.transactionStart ?? 0) + 1}.`,
        suggestion: `Move the ${operation} statement out of BEGIN ... COMMIT, into a migration of its own that the runner does not wrap in a transaction.`,
      },
    ];
  },
};
