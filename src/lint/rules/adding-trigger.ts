import { relationName } from '../ast.js';
import type { Rule } from '../types.js';

export const addingTrigger: Rule = {
  id: 'adding-trigger',
  hazard: 'SHARE_LOCK',
  severity: 'info',
  summary: 'CREATE TRIGGER takes a SHARE ROW EXCLUSIVE lock that blocks writes while it waits and runs.',
  doc: {
    problem:
      'CREATE TRIGGER locks the table against writes (SHARE ROW EXCLUSIVE). It is quick once granted, but it ' +
      'queues behind long transactions and writes queue behind it; the trigger then adds work to every write. ' +
      'Set lock_timeout and keep the trigger function cheap.',
    badExample: 'CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();',
    goodExample:
      "SET lock_timeout = '2s';\n-- migration-generator-disable adding-trigger\nCREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();",
    lock: 'SHARE ROW EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('CreateTrigStmt' in node)) return [];
    const relation = node.CreateTrigStmt.relation;
    if (context.isNew(relation?.schemaname, relation?.relname)) return [];
    return [
      {
        message: `Creating trigger ${node.CreateTrigStmt.trigname ?? ''} blocks writes to ${relationName(relation)} while it waits for and holds its lock.`,
        suggestion: context.state.lockTimeout ? undefined : "SET lock_timeout = '2s'; before it, and retry on timeout.",
      },
    ];
  },
};
