import { alterTableCommands, relationName } from '../ast.js';
import type { Rule } from '../types.js';

export const banSetTablespace: Rule = {
  id: 'ban-set-tablespace',
  hazard: 'TABLE_REWRITE',
  severity: 'error',
  summary: 'SET TABLESPACE copies the table or index under an ACCESS EXCLUSIVE lock.',
  doc: {
    problem:
      'ALTER TABLE / INDEX / MATERIALIZED VIEW ... SET TABLESPACE copies every data file to the new tablespace ' +
      'while an ACCESS EXCLUSIVE lock blocks reads and writes; ALTER TABLE ALL IN TABLESPACE does it for many ' +
      'tables at once.',
    badExample: 'ALTER TABLE events SET TABLESPACE fast_ssd;',
    goodExample: '-- move data online with pg_repack --tablespace, or create new objects in the tablespace:\nCREATE INDEX CONCURRENTLY events_at_idx ON events (created_at) TABLESPACE fast_ssd;',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: true,
    scans: true,
  },
  check(statement, context) {
    const node = statement.node;
    if ('AlterTableMoveAllStmt' in node) {
      return [{ message: `Moving everything in tablespace ${node.AlterTableMoveAllStmt.orig_tablespacename ?? ''} copies every object under ACCESS EXCLUSIVE locks.` }];
    }
    const alter = alterTableCommands(node);
    if (!alter || context.isNew(alter.stmt.relation?.schemaname, alter.stmt.relation?.relname)) return [];
    const move = alter.cmds.find((cmd) => cmd.subtype === 'AT_SetTableSpace');
    if (!move) return [];
    return [
      {
        message: `SET TABLESPACE ${move.name ?? ''} copies ${relationName(alter.stmt.relation)} under an ACCESS EXCLUSIVE lock.`,
        suggestion: 'Use pg_repack --tablespace to move it online.',
      },
    ];
  },
};
