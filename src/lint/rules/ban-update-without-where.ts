import { relationName } from '../ast.js';
import type { Rule } from '../types.js';

export const banUpdateWithoutWhere: Rule = {
  id: 'ban-update-without-where',
  hazard: 'FULL_TABLE_SCAN',
  severity: 'warning',
  summary: 'A backfill UPDATE without WHERE rewrites every row in one long transaction.',
  doc: {
    problem:
      'UPDATE without WHERE writes a new version of every row in one transaction: it holds a row lock on each ' +
      'until the end (concurrent writers to those rows wait), doubles the table on disk until vacuum, floods ' +
      'replicas with WAL, and rolls everything back on failure. Backfill in batches of a few thousand rows, ' +
      'each in its own transaction, outside the schema migration.',
    badExample: "UPDATE users SET locale = 'en';",
    goodExample:
      "UPDATE users SET locale = 'en'\nWHERE id IN (SELECT id FROM users WHERE locale IS NULL ORDER BY id LIMIT 5000);\n-- repeated until it updates 0 rows",
    lock: 'ROW EXCLUSIVE',
    rewrites: false,
    scans: true,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('UpdateStmt' in node) || node.UpdateStmt.whereClause) return [];
    const relation = node.UpdateStmt.relation;
    if (context.isNew(relation?.schemaname, relation?.relname)) return [];
    return [
      {
        message: `UPDATE of every row of ${relationName(relation)} in one statement: long row locks, table bloat and a big rollback on failure.`,
        suggestion: `Backfill ${relationName(relation)} in batches (WHERE id IN (SELECT id ... LIMIT 5000)), each committed separately.`,
      },
    ];
  },
};
