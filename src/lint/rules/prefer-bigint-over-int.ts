import { SERIAL_TYPES, hasConstraint, quoteIdent, typeInfo } from '../ast.js';
import { declaredColumns } from '../columns.js';
import type { Rule, RuleHit } from '../types.js';

const SMALL_KEYS: Readonly<Record<string, string>> = {
  int2: 'bigint',
  int4: 'bigint',
  serial: 'bigserial (or bigint GENERATED ALWAYS AS IDENTITY)',
  serial4: 'bigserial (or bigint GENERATED ALWAYS AS IDENTITY)',
  smallserial: 'bigserial (or bigint GENERATED ALWAYS AS IDENTITY)',
  serial2: 'bigserial (or bigint GENERATED ALWAYS AS IDENTITY)',
};

export const preferBigintOverInt: Rule = {
  id: 'prefer-bigint-over-int',
  hazard: 'TYPE_CHOICE',
  severity: 'warning',
  summary: 'Keys of type integer/smallint/serial run out of values; use bigint.',
  doc: {
    problem:
      'An integer key stops at 2,147,483,647 (smallint at 32,767); when the sequence reaches it every insert ' +
      'fails. Widening the key later rewrites the table and every table whose foreign keys point at it. ' +
      'bigint costs four more bytes a row.',
    badExample: 'CREATE TABLE events (id serial PRIMARY KEY, name text);',
    goodExample: 'CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);',
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  check(statement) {
    const hits: RuleHit[] = [];
    for (const declared of declaredColumns(statement.node)) {
      const type = typeInfo(declared.column.typeName);
      const better = SMALL_KEYS[type.name];
      const generated = SERIAL_TYPES.has(type.name) || hasConstraint(declared.column, 'CONSTR_IDENTITY');
      if (!better || type.array || !(declared.primaryKey || generated)) continue;
      hits.push({
        message: `Key column ${declared.table}.${quoteIdent(declared.name)} is ${type.display}: it can run out of values.`,
        at: declared.column.location,
        suggestion: `Declare ${quoteIdent(declared.name)} as ${better}.`,
      });
    }
    return hits;
  },
};
