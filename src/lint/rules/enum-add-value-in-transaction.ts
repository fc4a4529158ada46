import { strings } from '../ast.js';
import { transactionKind } from '../checks.js';
import type { Rule } from '../types.js';

export const enumAddValueInTransaction: Rule = {
  id: 'enum-add-value-in-transaction',
  hazard: 'NOT_TRANSACTIONAL',
  severity: 'error',
  summary: 'Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block.',
  maxPgVersion: 11,
  doc: {
    problem:
      'Up to PostgreSQL 11, ALTER TYPE ... ADD VALUE fails with "cannot run inside a transaction block". ' +
      'An explicit BEGIN makes it fail for sure; most migration runners also wrap each file in a transaction.',
    badExample: "BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\nCOMMIT;",
    goodExample:
      '-- a migration the runner does not wrap in a transaction:\n' +
      '-- migration-generator-disable enum-add-value-in-transaction\n' +
      "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';",
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('AlterEnumStmt' in node) || node.AlterEnumStmt.oldVal !== undefined) return [];
    const kind = transactionKind(context);
    if (kind === 'none') return [];
    const type = strings(node.AlterEnumStmt.typeName).join('.');
    return [
      {
        message:
          kind === 'explicit'
            ? `ALTER TYPE ${type} ADD VALUE fails inside a transaction block before PostgreSQL 12.`
            : `ALTER TYPE ${type} ADD VALUE fails before PostgreSQL 12 if the runner wraps this file in a transaction.`,
        ...(kind === 'runner' ? { severity: 'warning' as const } : {}),
        suggestion: 'Run it alone, outside any transaction (mark the migration non-transactional).',
      },
    ];
  },
};
