import { quoteIdent } from '../ast.js';
import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const banDropNotNull: Rule = {
  id: 'ban-drop-not-null',
  hazard: 'BREAKING_CHANGE',
  severity: 'warning',
  summary: 'Dropping NOT NULL lets NULLs into a column that running code assumes is always set.',
  doc: {
    problem:
      'Readers written against the old schema (application code, reports, replicas, other services) assume the ' +
      'column is never NULL. Once the constraint is gone, the first NULL written breaks them. The change is also ' +
      'hard to undo: restoring NOT NULL needs every NULL fixed first.',
    badExample: 'ALTER TABLE users ALTER COLUMN email DROP NOT NULL;',
    goodExample: '-- make every reader NULL-safe and deploy it first, then:\n-- migration-generator-disable ban-drop-not-null\nALTER TABLE users ALTER COLUMN email DROP NOT NULL;',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const alter = alterOfExistingTable(statement, context);
    if (!alter) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_DropNotNull') continue;
      hits.push({
        message: `Dropping NOT NULL on ${alter.table}.${quoteIdent(cmd.name ?? '')} lets NULLs reach code that does not expect them.`,
        suggestion: 'Deploy NULL-safe readers first, then drop the constraint (and silence this rule for that statement).',
      });
    }
    return hits;
  },
};
