import { quoteIdent, typeInfo } from '../ast.js';
import { declaredColumns } from '../columns.js';
import type { Rule, RuleHit } from '../types.js';

export const preferTimestamptz: Rule = {
  id: 'prefer-timestamptz',
  hazard: 'TYPE_CHOICE',
  severity: 'warning',
  summary: 'timestamp without time zone loses the offset; prefer timestamptz.',
  doc: {
    problem:
      'timestamp (without time zone) stores wall-clock time with no offset: values written by sessions or ' +
      'servers in different time zones cannot be compared, and daylight-saving changes produce duplicates and ' +
      'gaps. timestamptz stores an absolute instant and converts on display, at the same size.',
    badExample: 'ALTER TABLE orders ADD COLUMN shipped_at timestamp;',
    goodExample: 'ALTER TABLE orders ADD COLUMN shipped_at timestamptz;',
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  check(statement) {
    const hits: RuleHit[] = [];
    for (const declared of declaredColumns(statement.node)) {
      const type = typeInfo(declared.column.typeName);
      if (type.name !== 'timestamp') continue;
      const name = quoteIdent(declared.name);
      hits.push({
        message: `${declared.table}.${name} is timestamp without time zone.`,
        at: declared.column.location ?? declared.column.typeName?.location,
        suggestion: `${name} timestamptz${type.array ? '[]' : ''}`,
      });
    }
    return hits;
  },
};
