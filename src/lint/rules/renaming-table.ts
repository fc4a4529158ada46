import { quoteIdent, relationName } from '../ast.js';
import type { Rule } from '../types.js';

const RENAMED: Readonly<Record<string, string>> = {
  OBJECT_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_FOREIGN_TABLE: 'foreign table',
  OBJECT_SCHEMA: 'schema',
};

export const renamingTable: Rule = {
  id: 'renaming-table',
  hazard: 'BREAKING_CHANGE',
  severity: 'warning',
  summary: 'Renaming (or moving) a table, view or schema breaks every running query that uses the old name.',
  doc: {
    problem:
      'The rename is instant, but code deployed before it still uses the old name and fails until it is ' +
      'replaced. The same holds for ALTER TABLE ... SET SCHEMA and for renaming views and schemas.',
    badExample: 'ALTER TABLE customers RENAME TO clients;',
    goodExample:
      'CREATE TABLE clients (LIKE customers INCLUDING ALL);\n' +
      '-- write to both tables, backfill clients in batches, move readers, then drop customers in a later release\n' +
      '-- (or rename and leave a view under the old name: CREATE VIEW customers AS SELECT * FROM clients)',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const node = statement.node;
    if ('RenameStmt' in node) {
      const rename = node.RenameStmt;
      const kind = RENAMED[rename.renameType ?? ''];
      if (!kind) return [];
      if (kind === 'schema') {
        return [{ message: `Renaming schema ${quoteIdent(rename.subname ?? '')} to ${quoteIdent(rename.newname ?? '')} breaks every query that names it.` }];
      }
      if (context.isNew(rename.relation?.schemaname, rename.relation?.relname)) return [];
      return [
        {
          message: `Renaming ${kind} ${relationName(rename.relation)} to ${quoteIdent(rename.newname ?? '')} breaks code that still uses the old name.`,
          suggestion: kind === 'table' ? `After the rename, CREATE VIEW ${relationName(rename.relation)} AS SELECT * FROM ${quoteIdent(rename.newname ?? '')}; keeps simple readers and writers working until they are deployed.` : undefined,
        },
      ];
    }
    if ('AlterObjectSchemaStmt' in node && node.AlterObjectSchemaStmt.objectType === 'OBJECT_TABLE') {
      const relation = node.AlterObjectSchemaStmt.relation;
      if (context.isNew(relation?.schemaname, relation?.relname)) return [];
      return [{ message: `Moving ${relationName(relation)} to schema ${quoteIdent(node.AlterObjectSchemaStmt.newschema ?? '')} breaks code that uses the old qualified name.` }];
    }
    return [];
  },
};
