import { strings, walk } from '../ast.js';
import { sameTransactionFollowers, transactionKind } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const enumValueUsedInTransaction: Rule = {
  id: 'enum-value-used-in-transaction',
  hazard: 'MAY_FAIL',
  severity: 'error',
  summary: 'A value added with ALTER TYPE ... ADD VALUE cannot be used until the transaction commits.',
  minPgVersion: 12,
  doc: {
    problem:
      'Since PostgreSQL 12 ADD VALUE may run in a transaction, but the new value cannot be used before that ' +
      'transaction commits: "unsafe use of new value". A later statement of the same transaction (or of the ' +
      'same file, when the runner wraps it in one) that writes or compares the value fails.',
    badExample: "BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;\nCOMMIT;",
    goodExample:
      "BEGIN;\nALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';\nCOMMIT;\n" +
      "UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;",
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('AlterEnumStmt' in node) || node.AlterEnumStmt.oldVal !== undefined || !node.AlterEnumStmt.newVal) return [];
    const kind = transactionKind(context);
    if (kind === 'none') return [];
    const value = node.AlterEnumStmt.newVal;
    const hits: RuleHit[] = [];
    for (const later of sameTransactionFollowers(statement, context)) {
      let used = false;
      walk(later.node, (key, found) => {
        if (key === 'A_Const' && (found.sval as { sval?: string } | undefined)?.sval === value) used = true;
      });
      if (!used) continue;
      hits.push({
        message: `'${value}' is added to ${strings(node.AlterEnumStmt.typeName).join('.')} and used by statement ${later.index + 1} in the same transaction, before it is committed.`,
        ...(kind === 'runner' ? { severity: 'warning' as const } : {}),
        suggestion: 'COMMIT after ADD VALUE (or move the statements that use it to the next migration).',
      });
    }
    return hits;
  },
};
