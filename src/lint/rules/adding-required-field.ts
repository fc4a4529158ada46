import { SERIAL_TYPES, columnDefOf, hasConstraint, quoteIdent, typeInfo } from '../ast.js';
import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const addingRequiredField: Rule = {
  id: 'adding-required-field',
  hazard: 'MAY_FAIL',
  severity: 'error',
  summary: 'Adding a NOT NULL column without a default fails on a table that has rows.',
  doc: {
    problem:
      'PostgreSQL fills a new column with its default, NULL when there is none. A NOT NULL column without a ' +
      'default therefore fails with "column contains null values" as soon as the table has a row: the ' +
      'migration passes on an empty development database and fails in production.',
    badExample: 'ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;',
    goodExample:
      "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT 0;\n-- or: add it nullable, backfill in batches, then set NOT NULL safely",
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const alter = alterOfExistingTable(statement, context);
    if (!alter) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alter.cmds) {
      const column = cmd.subtype === 'AT_AddColumn' ? columnDefOf(cmd) : undefined;
      if (!column || (!hasConstraint(column, 'CONSTR_NOTNULL') && !hasConstraint(column, 'CONSTR_PRIMARY'))) continue;
      // Identity, serial and generated columns fill every existing row themselves.
      const fills = ['CONSTR_DEFAULT', 'CONSTR_IDENTITY', 'CONSTR_GENERATED'] as const;
      if (fills.some((type) => hasConstraint(column, type)) || SERIAL_TYPES.has(typeInfo(column.typeName).name)) continue;
      const name = quoteIdent(column.colname ?? '');
      hits.push({
        message: `Column ${name} is added to ${alter.table} as NOT NULL without a default: this fails if the table has any row.`,
        at: column.location,
        suggestion:
          `Add ${name} with a constant default (fast since PostgreSQL 11), or add it nullable, backfill it in ` +
          'batches, then add a CHECK (... IS NOT NULL) NOT VALID, VALIDATE it and SET NOT NULL.',
      });
    }
    return hits;
  },
};
