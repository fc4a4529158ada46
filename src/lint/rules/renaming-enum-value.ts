import { strings } from '../ast.js';
import type { Rule } from '../types.js';

export const renamingEnumValue: Rule = {
  id: 'renaming-enum-value',
  hazard: 'BREAKING_CHANGE',
  severity: 'warning',
  summary: 'Renaming an enum value breaks code that still sends or compares the old value.',
  minPgVersion: 10,
  doc: {
    problem:
      'ALTER TYPE ... RENAME VALUE is instant, but application code, stored queries and clients deployed ' +
      'before it still use the old label: inserts fail with "invalid input value for enum" and comparisons ' +
      'silently stop matching.',
    badExample: "ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';",
    goodExample: "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled';\n-- move code and rows to the new value, keep the old one",
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  check(statement) {
    const node = statement.node;
    if (!('AlterEnumStmt' in node) || node.AlterEnumStmt.oldVal === undefined) return [];
    const type = strings(node.AlterEnumStmt.typeName).join('.');
    return [
      {
        message: `Renaming ${type} value '${node.AlterEnumStmt.oldVal}' to '${node.AlterEnumStmt.newVal ?? ''}' breaks code that still uses the old value.`,
        suggestion: `ALTER TYPE ${type} ADD VALUE IF NOT EXISTS '${(node.AlterEnumStmt.newVal ?? '').replace(/'/gu, "''")}'; then migrate code and rows to it.`,
      },
    ];
  },
};
