import type { Node } from 'libpg-query';
import { alterTableCommands, strings } from '../ast.js';
import { concurrentOperation, hasOption } from '../checks.js';
import { isCreated } from '../context.js';
import type { Rule, StatementState } from '../types.js';

export const requireTimeoutSettings: Rule = {
  id: 'require-timeout-settings',
  hazard: 'ACCESS_EXCLUSIVE_LOCK',
  severity: 'warning',
  summary: 'Set lock_timeout before DDL that locks an existing table, so a blocked migration fails fast.',
  doc: {
    problem:
      'Even a quick ALTER TABLE needs a strong lock. If a long query or an idle transaction holds the table, the ' +
      'migration waits in the lock queue, and every query that arrives after it waits behind it: the table is ' +
      'effectively down until the blocker ends. With lock_timeout set, the migration gives up after a few ' +
      'seconds instead and can be retried. Reported once per file, at the first such statement.',
    badExample: 'ALTER TABLE users ADD COLUMN note text;',
    goodExample: "SET lock_timeout = '2s';\nSET statement_timeout = '15min';\nALTER TABLE users ADD COLUMN note text;",
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    if (context.state.lockTimeout || !locksExisting(statement.node, context.state)) return [];
    // Once per file: fixing the first unprotected statement (SET lock_timeout at the top) fixes them all.
    const unprotectedBefore = context.statements.slice(0, statement.index).some((earlier) => {
      const state = context.states[earlier.index];
      return state !== undefined && !state.lockTimeout && locksExisting(earlier.node, state);
    });
    if (unprotectedBefore) return [];
    return [
      {
        message: 'This statement waits for a strong lock with no lock_timeout: a long-running query on the table would queue every other query behind it.',
        suggestion: `${context.state.inTransaction ? 'SET LOCAL' : 'SET'} lock_timeout = '2s';  -- before the first DDL statement; retry the migration if it times out`,
      },
    ];
  },
};

function locksExisting(node: Node, state: StatementState): boolean {
  const existing = (schema: string | undefined, name: string | undefined) => !isCreated(state.created, schema, name);
  if (concurrentOperation(node)) return false;
  const alter = alterTableCommands(node);
  if (alter) {
    const weak = alter.cmds.every((cmd) => cmd.subtype === 'AT_ValidateConstraint');
    return !weak && existing(alter.stmt.relation?.schemaname, alter.stmt.relation?.relname);
  }
  if ('IndexStmt' in node) return existing(node.IndexStmt.relation?.schemaname, node.IndexStmt.relation?.relname);
  if ('DropStmt' in node) {
    const kind = node.DropStmt.removeType;
    if (kind !== 'OBJECT_TABLE' && kind !== 'OBJECT_INDEX' && kind !== 'OBJECT_TRIGGER') return false;
    return (node.DropStmt.objects ?? []).some((object) => {
      const parts = 'List' in object ? strings(object.List.items) : [];
      return existing(parts.length > 1 ? parts[0] : undefined, parts[parts.length - 1]);
    });
  }
  if ('RenameStmt' in node) return node.RenameStmt.relation !== undefined && existing(node.RenameStmt.relation.schemaname, node.RenameStmt.relation.relname);
  if ('CreateTrigStmt' in node) return existing(node.CreateTrigStmt.relation?.schemaname, node.CreateTrigStmt.relation?.relname);
  if ('TruncateStmt' in node || 'LockStmt' in node || 'ClusterStmt' in node) return true;
  if ('ReindexStmt' in node || 'RefreshMatViewStmt' in node) return true;
  if ('VacuumStmt' in node) return node.VacuumStmt.is_vacuumcmd === true && hasOption(node.VacuumStmt.options, 'full');
  if ('CreateStmt' in node) {
    // A new table with a foreign key locks the referenced table against writes while it is created.
    return JSON.stringify(node.CreateStmt.tableElts ?? []).includes('"CONSTR_FOREIGN"');
  }
  return false;
}
