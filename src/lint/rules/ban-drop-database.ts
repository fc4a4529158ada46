import type { Rule } from '../types.js';

export const banDropDatabase: Rule = {
  id: 'ban-drop-database',
  hazard: 'DATA_LOSS',
  severity: 'error',
  summary: 'A migration should never drop a database.',
  doc: {
    problem: 'DROP DATABASE deletes everything in it and cannot run in a transaction; it does not belong in a migration.',
    badExample: 'DROP DATABASE analytics;',
    goodExample: '-- drop databases by hand, with a backup, outside the migration history',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement) {
    const node = statement.node;
    if (!('DropdbStmt' in node)) return [];
    return [{ message: `Dropping database ${node.DropdbStmt.dbname ?? ''} deletes everything in it.`, suggestion: 'Remove this statement from the migration.' }];
  },
};
