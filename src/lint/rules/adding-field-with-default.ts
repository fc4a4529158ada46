import { columnConstraints, columnDefOf, quoteIdent, toSql } from '../ast.js';
import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';
import { isNullConstant, volatility } from '../volatility.js';

export const addingFieldWithDefault: Rule = {
  id: 'adding-field-with-default',
  hazard: 'TABLE_REWRITE',
  severity: 'error',
  summary: 'Adding a column with a volatile default (or any default before PostgreSQL 11) rewrites the table.',
  doc: {
    problem:
      'Since PostgreSQL 11 a new column with a constant or stable default (`0`, `\'x\'`, `now()`) is a catalog ' +
      'change. A volatile default (`random()`, `gen_random_uuid()`, `clock_timestamp()`, `nextval()`) must be ' +
      'computed for every row, so the table is rewritten under an ACCESS EXCLUSIVE lock that blocks reads and ' +
      'writes until it finishes. Before PostgreSQL 11 every non-null default rewrites the table.',
    badExample: 'ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();',
    goodExample:
      'ALTER TABLE users ADD COLUMN token uuid;\nALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();\n' +
      '-- then backfill existing rows in batches',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: true,
    scans: true,
  },
  check(statement, context) {
    const alter = alterOfExistingTable(statement, context);
    if (!alter) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alter.cmds) {
      const column = cmd.subtype === 'AT_AddColumn' ? columnDefOf(cmd) : undefined;
      const fallback = column && columnConstraints(column).find((c) => c.contype === 'CONSTR_DEFAULT');
      if (!column || !fallback || isNullConstant(fallback.raw_expr)) continue;
      const name = quoteIdent(column.colname ?? '');
      const type = column.typeName ? toSql({ TypeName: column.typeName }) : '<type>';
      const expr = fallback.raw_expr ? toSql(fallback.raw_expr) : '<expr>';
      const split =
        `ALTER TABLE ${alter.table} ADD COLUMN ${name} ${type};\n` +
        `ALTER TABLE ${alter.table} ALTER COLUMN ${name} SET DEFAULT ${expr};\n` +
        '-- then backfill existing rows in batches';
      const kind = volatility(fallback.raw_expr);
      if (context.pgVersion < 11) {
        hits.push({
          message: `Before PostgreSQL 11, adding ${name} with a default rewrites ${alter.table} under an ACCESS EXCLUSIVE lock.`,
          at: fallback.location,
          suggestion: split,
        });
      } else if (kind === 'volatile') {
        hits.push({
          message: `The default of ${name} is volatile: adding it rewrites ${alter.table} under an ACCESS EXCLUSIVE lock.`,
          at: fallback.location,
          suggestion: split,
        });
      } else if (kind === 'unknown') {
        hits.push({
          message: `The default of ${name} calls a function this linter cannot classify; if it is VOLATILE, adding the column rewrites ${alter.table}.`,
          at: fallback.location,
          severity: 'warning',
          suggestion: `Check the function's volatility (pg_proc.provolatile); if it is volatile: ${split}`,
        });
      }
    }
    return hits;
  },
};
