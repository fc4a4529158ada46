import { columnDefOf, constraintOf, hasConstraint, quoteIdent, strings } from '../ast.js';
import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const disallowedUniqueConstraint: Rule = {
  id: 'disallowed-unique-constraint',
  hazard: 'ACCESS_EXCLUSIVE_LOCK',
  severity: 'error',
  summary: 'Adding a UNIQUE constraint builds its index while an ACCESS EXCLUSIVE lock blocks the table.',
  doc: {
    problem:
      'ADD CONSTRAINT ... UNIQUE (and ADD COLUMN ... UNIQUE) builds a unique index while holding an ACCESS ' +
      'EXCLUSIVE lock, so reads and writes wait for the whole build. Build the index CONCURRENTLY, then attach ' +
      'it with ADD CONSTRAINT ... UNIQUE USING INDEX, a brief catalog change.',
    badExample: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
    goodExample:
      'CREATE UNIQUE INDEX CONCURRENTLY users_email_key_idx ON users (email);\n' +
      'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key_idx;',
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
      if (cmd.subtype === 'AT_AddConstraint' && constraint?.contype === 'CONSTR_UNIQUE' && !constraint.indexname) {
        const keys = strings(constraint.keys);
        const name = constraint.conname ?? `${table}_${keys.join('_')}_key`;
        const index = quoteIdent(`${name}_idx`);
        hits.push({
          message: `Adding a UNIQUE constraint to ${alter.table} builds its index under an ACCESS EXCLUSIVE lock.`,
          at: constraint.location,
          suggestion:
            `CREATE UNIQUE INDEX CONCURRENTLY ${index} ON ${alter.table} (${keys.map(quoteIdent).join(', ')});\n` +
            `ALTER TABLE ${alter.table} ADD CONSTRAINT ${quoteIdent(name)} UNIQUE USING INDEX ${index};`,
        });
      }
      const column = cmd.subtype === 'AT_AddColumn' ? columnDefOf(cmd) : undefined;
      if (column && hasConstraint(column, 'CONSTR_UNIQUE')) {
        hits.push({
          message: `Adding ${quoteIdent(column.colname ?? '')} as UNIQUE to ${alter.table} builds an index under an ACCESS EXCLUSIVE lock.`,
          at: column.location,
          suggestion: 'Add the column without UNIQUE, build a unique index CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX.',
        });
      }
    }
    return hits;
  },
};
