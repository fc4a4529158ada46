import { strings } from '../ast.js';
import type { Rule } from '../types.js';

export const banDropType: Rule = {
  id: 'ban-drop-type',
  hazard: 'BREAKING_CHANGE',
  severity: 'error',
  summary: 'Dropping a type or domain (or deleting enum values from pg_enum) breaks the columns and code that use it.',
  doc: {
    problem:
      'PostgreSQL cannot remove a value from an enum. The usual workaround (rename the type, create a new one, ' +
      'convert columns, drop the old type) rewrites every table using it, and code still sending the removed ' +
      'value fails. DROP TYPE ... CASCADE silently drops the columns that use the type with their data. ' +
      'Deleting rows from pg_enum corrupts indexes and rows that hold the value.',
    badExample: 'DROP TYPE order_status CASCADE;',
    goodExample: "-- keep the enum value and stop using it, or switch the column to text with a CHECK:\nALTER TABLE orders ADD CONSTRAINT orders_status_known CHECK (status <> 'legacy') NOT VALID;",
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement) {
    const node = statement.node;
    if ('DropStmt' in node && (node.DropStmt.removeType === 'OBJECT_TYPE' || node.DropStmt.removeType === 'OBJECT_DOMAIN')) {
      const names = (node.DropStmt.objects ?? []).map((object) => ('TypeName' in object ? strings(object.TypeName.names).join('.') : '?'));
      const cascade = node.DropStmt.behavior === 'DROP_CASCADE';
      return [
        {
          message: `Dropping ${node.DropStmt.removeType === 'OBJECT_DOMAIN' ? 'domain' : 'type'} ${names.join(', ')}${cascade ? ' with CASCADE also drops every column that uses it, with its data' : ' breaks code that still uses it'}.`,
          suggestion: 'Stop using the type everywhere in an earlier release; never CASCADE a type drop in a migration.',
          ...(cascade ? {} : { severity: 'warning' as const }),
        },
      ];
    }
    if ('DeleteStmt' in node && node.DeleteStmt.relation?.relname === 'pg_enum') {
      return [
        {
          message: 'Deleting from pg_enum removes enum values behind PostgreSQL\'s back: rows and indexes that hold them become unreadable.',
          suggestion: 'Leave the value in place and forbid it with a CHECK constraint, or migrate the column to a new type.',
        },
      ];
    }
    return [];
  },
};
