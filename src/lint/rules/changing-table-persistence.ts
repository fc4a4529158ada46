import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const changingTablePersistence: Rule = {
  id: 'changing-table-persistence',
  hazard: 'TABLE_REWRITE',
  severity: 'error',
  summary: 'SET LOGGED / SET UNLOGGED rewrites the table under an ACCESS EXCLUSIVE lock.',
  doc: {
    problem:
      'Switching a table between logged and unlogged copies it into a new file (SET LOGGED also writes all of ' +
      'it to the WAL) while an ACCESS EXCLUSIVE lock blocks reads and writes. An unlogged table is also emptied ' +
      'after a crash and is not replicated.',
    badExample: 'ALTER TABLE events SET UNLOGGED;',
    goodExample: '-- create the table with the persistence it needs:\nCREATE UNLOGGED TABLE events_buffer (id bigint, payload jsonb);',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: true,
    scans: true,
  },
  check(statement, context) {
    const alter = alterOfExistingTable(statement, context);
    if (!alter) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_SetLogged' && cmd.subtype !== 'AT_SetUnLogged') continue;
      const logged = cmd.subtype === 'AT_SetLogged';
      hits.push({
        message: `SET ${logged ? 'LOGGED' : 'UNLOGGED'} rewrites ${alter.table} under an ACCESS EXCLUSIVE lock${logged ? '' : ', and the table will be emptied after a crash and skipped by replication'}.`,
        suggestion: 'Create a new table with the wanted persistence, copy the data in batches, then swap them.',
      });
    }
    return hits;
  },
};
