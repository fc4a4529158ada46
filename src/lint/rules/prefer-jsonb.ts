import { quoteIdent, typeInfo } from '../ast.js';
import { declaredColumns } from '../columns.js';
import type { Rule, RuleHit } from '../types.js';

export const preferJsonb: Rule = {
  id: 'prefer-jsonb',
  hazard: 'TYPE_CHOICE',
  severity: 'info',
  summary: 'json has no equality operator and no GIN index; prefer jsonb.',
  doc: {
    problem:
      'json stores the text as written and reparses it on every access; it has no equality operator, so ' +
      'DISTINCT, GROUP BY, UNION and some ORMs fail on it, and it cannot be indexed with GIN. jsonb fixes all ' +
      'three; keep json only when the exact text (key order, duplicates, whitespace) matters.',
    badExample: 'ALTER TABLE events ADD COLUMN payload json;',
    goodExample: 'ALTER TABLE events ADD COLUMN payload jsonb;',
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  check(statement) {
    const hits: RuleHit[] = [];
    for (const declared of declaredColumns(statement.node)) {
      const type = typeInfo(declared.column.typeName);
      if (type.name !== 'json') continue;
      const name = quoteIdent(declared.name);
      hits.push({
        message: `${declared.table}.${name} is json; jsonb supports equality and indexing.`,
        at: declared.column.location ?? declared.column.typeName?.location,
        suggestion: `${name} jsonb${type.array ? '[]' : ''}`,
      });
    }
    return hits;
  },
};
