import { strings } from '../ast.js';
import type { Rule } from '../types.js';

export const banDropTable: Rule = {
  id: 'ban-drop-table',
  hazard: 'DATA_LOSS',
  severity: 'error',
  summary: 'Dropping a table destroys its data and breaks code that still uses it.',
  doc: {
    problem:
      'DROP TABLE deletes every row and cannot be undone by a down migration; code that still reads or writes ' +
      'the table fails at once. CASCADE also drops views and foreign keys that depend on it.',
    badExample: 'DROP TABLE audit_log;',
    goodExample:
      '-- release 1: stop using the table; release 2, after archiving it if needed:\n' +
      '-- migration-generator-disable ban-drop-table\nDROP TABLE audit_log;',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('DropStmt' in node) || node.DropStmt.removeType !== 'OBJECT_TABLE') return [];
    const names = (node.DropStmt.objects ?? []).map((object) => ('List' in object ? strings(object.List.items) : []));
    const existing = names.filter((parts) => !context.isNew(parts.length > 1 ? parts[0] : undefined, parts[parts.length - 1]));
    if (existing.length === 0) return [];
    const cascade = node.DropStmt.behavior === 'DROP_CASCADE' ? ' CASCADE also drops the views and foreign keys that depend on it.' : '';
    return [
      {
        message: `Dropping ${existing.map((parts) => parts.join('.')).join(', ')} deletes its data permanently.${cascade}`,
        suggestion: 'Stop using the table in an earlier release and archive it (or rename it aside) before dropping it.',
      },
    ];
  },
};
