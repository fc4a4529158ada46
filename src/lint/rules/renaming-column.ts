import { quoteIdent, relationName } from '../ast.js';
import type { Rule } from '../types.js';

export const renamingColumn: Rule = {
  id: 'renaming-column',
  hazard: 'BREAKING_CHANGE',
  severity: 'warning',
  summary: 'Renaming a column breaks every running query that uses the old name.',
  doc: {
    problem:
      'The rename is instant, but application servers still running the previous release query the old name ' +
      'and fail until they are replaced; so do views written elsewhere, reports and replicas consumers.',
    badExample: 'ALTER TABLE users RENAME COLUMN fullname TO full_name;',
    goodExample:
      'ALTER TABLE users ADD COLUMN full_name text;\n' +
      '-- write both columns from the application, backfill full_name in batches, move readers, then drop fullname later',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('RenameStmt' in node) || node.RenameStmt.renameType !== 'OBJECT_COLUMN') return [];
    const relation = node.RenameStmt.relation;
    if (context.isNew(relation?.schemaname, relation?.relname)) return [];
    const from = quoteIdent(node.RenameStmt.subname ?? '');
    const to = quoteIdent(node.RenameStmt.newname ?? '');
    return [
      {
        message: `Renaming ${relationName(relation)}.${from} to ${to} breaks code that still uses ${from}.`,
        suggestion: `Add ${to}, write to both, backfill, switch readers, then drop ${from} in a later release (expand / contract).`,
      },
    ];
  },
};
