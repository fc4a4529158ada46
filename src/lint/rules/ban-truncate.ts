import { relationName } from '../ast.js';
import type { Rule } from '../types.js';

export const banTruncate: Rule = {
  id: 'ban-truncate',
  hazard: 'DATA_LOSS',
  severity: 'error',
  summary: 'TRUNCATE empties the table under an ACCESS EXCLUSIVE lock.',
  doc: {
    problem:
      'TRUNCATE removes every row at once (no down migration brings them back), takes an ACCESS EXCLUSIVE lock, ' +
      'and with CASCADE also empties every table that references it by foreign key.',
    badExample: 'TRUNCATE sessions CASCADE;',
    goodExample: "DELETE FROM sessions WHERE expires_at < now();  -- in batches on a large table",
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('TruncateStmt' in node)) return [];
    const tables = (node.TruncateStmt.relations ?? []).flatMap((relation) =>
      'RangeVar' in relation && !context.isNew(relation.RangeVar.schemaname, relation.RangeVar.relname) ? [relationName(relation.RangeVar)] : [],
    );
    if (tables.length === 0) return [];
    const cascade = node.TruncateStmt.behavior === 'DROP_CASCADE' ? ' CASCADE also empties every table that references it.' : '';
    return [
      {
        message: `TRUNCATE removes every row of ${tables.join(', ')}.${cascade}`,
        suggestion: 'Delete only the rows that must go, with a WHERE clause, outside the schema migration.',
      },
    ];
  },
};
