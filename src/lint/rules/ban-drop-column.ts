import { quoteIdent } from '../ast.js';
import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const banDropColumn: Rule = {
  id: 'ban-drop-column',
  hazard: 'DATA_LOSS',
  severity: 'error',
  summary: 'Dropping a column destroys its data and breaks code that still reads it.',
  doc: {
    problem:
      'DROP COLUMN is instant (the data stays on disk until rows are rewritten) but the values are gone for ' +
      'good and cannot be brought back by a down migration. Code deployed before the drop that selects or ' +
      'writes the column fails, and ORMs that cache the column list fail even on SELECT *.',
    badExample: 'ALTER TABLE users DROP COLUMN legacy_id;',
    goodExample:
      '-- release 1: stop reading and writing legacy_id (tell the ORM to ignore it)\n' +
      '-- release 2, after a backup of the values if they matter:\n' +
      '-- migration-generator-disable ban-drop-column\nALTER TABLE users DROP COLUMN legacy_id;',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const alter = alterOfExistingTable(statement, context);
    if (!alter) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_DropColumn') continue;
      hits.push({
        message: `Dropping ${alter.table}.${quoteIdent(cmd.name ?? '')} deletes its data permanently and breaks code that still uses it.`,
        suggestion: 'Remove every use of the column in an earlier release, keep a copy of the data if it may be needed, then drop it.',
      });
    }
    return hits;
  },
};
