import { columnDefOf, constraintOf, hasConstraint, quoteIdent, strings } from '../ast.js';
import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const addingSerialPrimaryKeyField: Rule = {
  id: 'adding-serial-primary-key-field',
  hazard: 'ACCESS_EXCLUSIVE_LOCK',
  severity: 'error',
  summary: 'Adding a PRIMARY KEY builds its index while an ACCESS EXCLUSIVE lock blocks the table.',
  doc: {
    problem:
      'ADD PRIMARY KEY (and ADD COLUMN ... PRIMARY KEY) builds a unique index and checks NOT NULL while holding ' +
      'an ACCESS EXCLUSIVE lock: no reads or writes until the build ends. Build the unique index CONCURRENTLY ' +
      'first, then attach it with ADD CONSTRAINT ... PRIMARY KEY USING INDEX, which is a brief catalog change ' +
      '(the columns must already be NOT NULL).',
    badExample: 'ALTER TABLE items ADD PRIMARY KEY (id);',
    goodExample:
      'CREATE UNIQUE INDEX CONCURRENTLY items_pkey_idx ON items (id);\n' +
      'ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_pkey_idx;',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: true,
  },
  check(statement, context) {
    const alter = alterOfExistingTable(statement, context);
    if (!alter) return [];
    const hits: RuleHit[] = [];
    const table = alter.stmt.relation?.relname ?? 't';
    for (const cmd of alter.cmds) {
      const constraint = constraintOf(cmd);
      if (cmd.subtype === 'AT_AddConstraint' && constraint?.contype === 'CONSTR_PRIMARY' && !constraint.indexname) {
        const columns = strings(constraint.keys).map(quoteIdent).join(', ');
        const index = quoteIdent(`${table}_pkey_idx`);
        hits.push({
          message: `Adding a primary key to ${alter.table} builds its index under an ACCESS EXCLUSIVE lock.`,
          at: constraint.location,
          suggestion:
            `CREATE UNIQUE INDEX CONCURRENTLY ${index} ON ${alter.table} (${columns});\n` +
            `ALTER TABLE ${alter.table} ADD CONSTRAINT ${quoteIdent(constraint.conname ?? `${table}_pkey`)} PRIMARY KEY USING INDEX ${index};`,
        });
      }
      const column = cmd.subtype === 'AT_AddColumn' ? columnDefOf(cmd) : undefined;
      if (column && hasConstraint(column, 'CONSTR_PRIMARY')) {
        hits.push({
          message: `Adding ${quoteIdent(column.colname ?? '')} as a primary key to ${alter.table} fills the column and builds its index under an ACCESS EXCLUSIVE lock.`,
          at: column.location,
          suggestion: 'Add the column, backfill it, build a unique index CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX.',
        });
      }
    }
    return hits;
  },
};
