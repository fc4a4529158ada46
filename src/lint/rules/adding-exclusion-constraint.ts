import { constraintOf, quoteIdent } from '../ast.js';
import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const addingExclusionConstraint: Rule = {
  id: 'adding-exclusion-constraint',
  hazard: 'ACCESS_EXCLUSIVE_LOCK',
  severity: 'error',
  summary: 'Adding an EXCLUDE constraint builds its index and checks every row under an ACCESS EXCLUSIVE lock.',
  doc: {
    problem:
      'An exclusion constraint cannot be added NOT VALID nor attached from an index built concurrently: ' +
      'PostgreSQL builds the index and checks all rows while an ACCESS EXCLUSIVE lock blocks reads and writes.',
    badExample: 'ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);',
    goodExample:
      '-- create the table with the constraint from the start, or enforce it with a trigger on an existing table:\n' +
      'CREATE TABLE bookings (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: true,
  },
  check(statement, context) {
    const alter = alterOfExistingTable(statement, context);
    if (!alter) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alter.cmds) {
      const constraint = constraintOf(cmd);
      if (cmd.subtype !== 'AT_AddConstraint' || constraint?.contype !== 'CONSTR_EXCLUSION') continue;
      hits.push({
        message: `Adding exclusion constraint${constraint.conname ? ` ${quoteIdent(constraint.conname)}` : ''} locks ${alter.table} against reads and writes while its index is built.`,
        at: constraint.location,
        suggestion: 'Run it in a maintenance window with lock_timeout set, or enforce the rule with a trigger instead.',
      });
    }
    return hits;
  },
};
