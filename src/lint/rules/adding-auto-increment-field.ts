import { SERIAL_TYPES, columnDefOf, hasConstraint, quoteIdent, typeInfo } from '../ast.js';
import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const addingAutoIncrementField: Rule = {
  id: 'adding-auto-increment-field',
  hazard: 'TABLE_REWRITE',
  severity: 'error',
  summary: 'Adding a serial or identity column to an existing table rewrites it.',
  doc: {
    problem:
      'A serial or identity column draws a new sequence value for every existing row, which is a volatile ' +
      'default: PostgreSQL rewrites the whole table while holding an ACCESS EXCLUSIVE lock.',
    badExample: 'ALTER TABLE events ADD COLUMN id bigserial;',
    goodExample:
      'ALTER TABLE events ADD COLUMN id bigint;\nCREATE SEQUENCE events_id_seq OWNED BY events.id;\n' +
      "ALTER TABLE events ALTER COLUMN id SET DEFAULT nextval('events_id_seq');\n-- then backfill old rows in batches",
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
      if (!column) continue;
      const type = typeInfo(column.typeName).name;
      if (!SERIAL_TYPES.has(type) && !hasConstraint(column, 'CONSTR_IDENTITY')) continue;
      const kind = SERIAL_TYPES.has(type) ? type : 'identity';
      hits.push({
        message: `Adding the ${kind} column ${quoteIdent(column.colname ?? '')} fills every existing row of ${alter.table}: the table is rewritten under an ACCESS EXCLUSIVE lock.`,
        at: column.location,
        suggestion:
          'Add a plain bigint column, attach a sequence default for new rows, backfill old rows in batches, ' +
          'then add NOT NULL / identity once every row has a value.',
      });
    }
    return hits;
  },
};
