import { quoteIdent, typeInfo } from '../ast.js';
import { declaredColumns } from '../columns.js';
import type { Rule, RuleHit } from '../types.js';

export const preferTextField: Rule = {
  id: 'prefer-text-field',
  hazard: 'TYPE_CHOICE',
  severity: 'info',
  summary: 'varchar(n) is no faster than text and its limit is costly to change; prefer text with a CHECK.',
  doc: {
    problem:
      'In PostgreSQL varchar(n) and text are stored the same way; the length limit is the only difference. ' +
      'Raising the limit is cheap, but lowering it (or changing a length rule) means ALTER COLUMN TYPE under an ' +
      'ACCESS EXCLUSIVE lock with a full scan. A CHECK (length(col) <= n) constraint can be replaced with NOT ' +
      'VALID + VALIDATE without blocking.',
    badExample: 'CREATE TABLE users (email varchar(255));',
    goodExample: 'CREATE TABLE users (email text CONSTRAINT users_email_length CHECK (length(email) <= 255));',
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  check(statement) {
    const hits: RuleHit[] = [];
    for (const declared of declaredColumns(statement.node)) {
      const type = typeInfo(declared.column.typeName);
      if (type.name !== 'varchar' || type.mods.length === 0) continue;
      const name = quoteIdent(declared.name);
      hits.push({
        message: `${declared.table}.${name} is ${type.display}; a length limit in the type is costly to change later.`,
        at: declared.column.location,
        suggestion: `${name} text CHECK (length(${name}) <= ${type.mods[0] ?? 0})`,
      });
    }
    return hits;
  },
};
