import { relationName } from '../ast.js';
import type { Rule } from '../types.js';

export const banDeleteWithoutWhere: Rule = {
  id: 'ban-delete-without-where',
  hazard: 'DATA_LOSS',
  severity: 'error',
  summary: 'DELETE without WHERE removes every row of the table.',
  doc: {
    problem:
      'DELETE without WHERE empties the table: the data cannot be restored by a down migration, and on a large ' +
      'table it runs as one long transaction that bloats the table and locks every row.',
    badExample: 'DELETE FROM sessions;',
    goodExample: "DELETE FROM sessions WHERE expires_at < now() - interval '30 days';",
    lock: 'ROW EXCLUSIVE',
    rewrites: false,
    scans: true,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('DeleteStmt' in node) || node.DeleteStmt.whereClause || node.DeleteStmt.usingClause) return [];
    const relation = node.DeleteStmt.relation;
    if (context.isNew(relation?.schemaname, relation?.relname)) return [];
    return [
      {
        message: `DELETE without WHERE removes every row of ${relationName(relation)}.`,
        suggestion: 'Add the WHERE clause that selects the rows to remove, and delete in batches on large tables.',
      },
    ];
  },
};
