import { concurrentOperation } from '../checks.js';
import type { Rule } from '../types.js';

export const runnerTransactionWrapping: Rule = {
  id: 'runner-transaction-wrapping',
  hazard: 'NOT_TRANSACTIONAL',
  severity: 'info',
  summary: 'Most migration runners wrap a file in a transaction, where CONCURRENTLY fails.',
  doc: {
    problem:
      'Rails, Django, Alembic, Knex, Flyway, Prisma and others run each migration inside a transaction unless ' +
      'told not to. A CONCURRENTLY statement in such a migration fails with "cannot run inside a transaction ' +
      'block". The file itself looks fine, so this is reported once per file as a reminder to switch the wrapper ' +
      "off for it (disable_ddl_transaction!, atomic = False, transaction: false, -- +goose NO TRANSACTION, ...).",
    badExample: 'CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);',
    goodExample: 'BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;',
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    if (context.state.explicitTransactions) return [];
    const operation = concurrentOperation(statement.node);
    if (!operation) return [];
    const earlier = context.statements.slice(0, statement.index).some((s) => concurrentOperation(s.node) !== undefined);
    if (earlier) return [];
    return [
      {
        message: `${operation} fails if the migration runner wraps this file in a transaction.`,
        suggestion: 'Mark this migration as non-transactional in your runner, and keep other DDL in separate migrations.',
      },
    ];
  },
};
