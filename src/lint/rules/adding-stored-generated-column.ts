import { columnConstraints, columnDefOf, quoteIdent } from '../ast.js';
import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const addingStoredGeneratedColumn: Rule = {
  id: 'adding-stored-generated-column',
  hazard: 'TABLE_REWRITE',
  severity: 'error',
  summary: 'Adding a GENERATED ALWAYS AS (...) STORED column rewrites the table.',
  doc: {
    problem:
      'A stored generated column is computed and written for every existing row when it is added, which ' +
      'rewrites the whole table while an ACCESS EXCLUSIVE lock blocks all reads and writes.',
    badExample: 'ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) STORED;',
    goodExample:
      'ALTER TABLE orders ADD COLUMN total_cents bigint;\n' +
      '-- fill it with a trigger for new rows and a batched backfill for old ones, or compute it in a view',
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
      const generated = column && columnConstraints(column).find((c) => c.contype === 'CONSTR_GENERATED');
      // PostgreSQL 18 also has VIRTUAL generated columns, which are computed on read and rewrite nothing.
      if (!column || !generated || generated.generated_kind === 'v') continue;
      hits.push({
        message: `Adding the stored generated column ${quoteIdent(column.colname ?? '')} rewrites ${alter.table} under an ACCESS EXCLUSIVE lock.`,
        at: column.location,
        suggestion:
          'Add a plain nullable column, keep it up to date with a trigger, backfill old rows in batches' +
          (context.pgVersion >= 18 ? ', or use a VIRTUAL generated column (PostgreSQL 18+).' : '.'),
      });
    }
    return hits;
  },
};
