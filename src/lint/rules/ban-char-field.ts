import { quoteIdent, typeInfo } from '../ast.js';
import { declaredColumns } from '../columns.js';
import type { Rule, RuleHit } from '../types.js';

export const banCharField: Rule = {
  id: 'ban-char-field',
  hazard: 'TYPE_CHOICE',
  severity: 'warning',
  summary: 'char(n) pads values with spaces; use text (with a CHECK if the length matters).',
  doc: {
    problem:
      'char(n) pads every value to n characters with spaces and ignores trailing spaces in comparisons in some ' +
      'places and not others, which surprises application code and ORMs. It is not faster than text or ' +
      'varchar in PostgreSQL.',
    badExample: 'CREATE TABLE countries (code char(2) PRIMARY KEY);',
    goodExample: 'CREATE TABLE countries (code text PRIMARY KEY CHECK (length(code) = 2));',
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  check(statement) {
    const hits: RuleHit[] = [];
    for (const declared of declaredColumns(statement.node)) {
      const type = typeInfo(declared.column.typeName);
      if (type.name !== 'bpchar') continue;
      const name = quoteIdent(declared.name);
      const length = type.mods[0] ?? 1;
      hits.push({
        message: `${declared.table}.${name} is char(${length}), which pads values with spaces.`,
        at: declared.column.location,
        suggestion: `${name} text CHECK (length(${name}) = ${length})`,
      });
    }
    return hits;
  },
};
