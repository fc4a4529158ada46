import type { Node } from 'libpg-query';
import type { Rule, RuleHit } from '../types.js';

export const transactionNesting: Rule = {
  id: 'transaction-nesting',
  hazard: 'MAY_FAIL',
  severity: 'warning',
  summary: 'BEGIN inside an open transaction, COMMIT without BEGIN, or a transaction left open.',
  doc: {
    problem:
      'PostgreSQL has no nested transactions: a second BEGIN only warns, and the first COMMIT ends everything, ' +
      'so statements meant to be atomic are not. A COMMIT or ROLLBACK with no BEGIN of its own ends the ' +
      "runner's transaction early (or does nothing), and a BEGIN never committed leaves the work to be rolled " +
      'back when the session ends.',
    badExample: 'BEGIN;\nALTER TABLE users ADD COLUMN note text;\nBEGIN;\nALTER TABLE users ADD COLUMN tag text;\nCOMMIT;',
    goodExample: 'BEGIN;\nALTER TABLE users ADD COLUMN note text;\nALTER TABLE users ADD COLUMN tag text;\nCOMMIT;',
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('TransactionStmt' in node)) return [];
    const kind = node.TransactionStmt.kind;
    const hits: RuleHit[] = [];
    if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
      if (context.state.inTransaction) {
        hits.push({
          message: `BEGIN inside the transaction opened by statement ${(context.state.transactionStart ?? 0) + 1}: PostgreSQL does not nest transactions.`,
          suggestion: 'Remove the inner BEGIN/COMMIT pair, or use SAVEPOINT for a partial rollback.',
        });
      } else if (!closedLater(statement.index, context.statements.map((s) => s.node))) {
        hits.push({ message: 'This transaction is never committed.', suggestion: 'End the migration with COMMIT.' });
      }
    } else if ((kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') && !context.state.inTransaction) {
      hits.push({
        message: `${kind === 'TRANS_STMT_COMMIT' ? 'COMMIT' : 'ROLLBACK'} without a matching BEGIN ends the runner's transaction, if it opened one.`,
        suggestion: 'Let the runner manage the transaction, or open it explicitly with BEGIN.',
      });
    }
    return hits;
  },
};

function closedLater(index: number, nodes: readonly Node[]): boolean {
  return nodes.slice(index + 1).some((node) => {
    if (!('TransactionStmt' in node)) return false;
    const kind = node.TransactionStmt.kind;
    return kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK' || kind === 'TRANS_STMT_PREPARE';
  });
}
