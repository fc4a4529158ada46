import { SERIAL_TYPES, quoteIdent, typeInfo } from '../ast.js';
import { declaredColumns } from '../columns.js';
import type { Rule, RuleHit } from '../types.js';

export const preferIdentity: Rule = {
  id: 'prefer-identity',
  hazard: 'TYPE_CHOICE',
  severity: 'info',
  summary: 'serial columns have loose sequence ownership; prefer GENERATED ... AS IDENTITY.',
  doc: {
    problem:
      'serial creates a separate sequence whose permissions, ownership and dump/restore behaviour must be ' +
      'managed apart from the table, and lets inserts bypass it with explicit values that later collide. An ' +
      'identity column (SQL standard, PostgreSQL 10+) ties the sequence to the column.',
    badExample: 'CREATE TABLE events (id bigserial PRIMARY KEY);',
    goodExample: 'CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);',
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  minPgVersion: 10,
  check(statement) {
    const hits: RuleHit[] = [];
    for (const declared of declaredColumns(statement.node)) {
      const type = typeInfo(declared.column.typeName).name;
      if (!SERIAL_TYPES.has(type)) continue;
      const base = type.startsWith('small') || type === 'serial2' ? 'smallint' : type.startsWith('big') || type === 'serial8' ? 'bigint' : 'integer';
      hits.push({
        message: `${declared.table}.${quoteIdent(declared.name)} is ${type}; an identity column manages its sequence with the table.`,
        at: declared.column.location,
        suggestion: `${quoteIdent(declared.name)} ${base} GENERATED ALWAYS AS IDENTITY`,
      });
    }
    return hits;
  },
};
