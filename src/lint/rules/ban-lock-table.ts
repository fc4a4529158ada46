import { relationName } from '../ast.js';
import type { Rule } from '../types.js';

// LOCK modes as the parser numbers them; only the two that block plain reads or every write are flagged.
const MODES: Readonly<Record<number, string>> = { 7: 'EXCLUSIVE', 8: 'ACCESS EXCLUSIVE' };

export const banLockTable: Rule = {
  id: 'ban-lock-table',
  hazard: 'ACCESS_EXCLUSIVE_LOCK',
  severity: 'warning',
  summary: 'LOCK TABLE in (ACCESS) EXCLUSIVE mode blocks the table until the transaction ends.',
  doc: {
    problem:
      'An explicit LOCK TABLE (ACCESS EXCLUSIVE by default) blocks every other session on the table until the ' +
      'migration commits, including plain SELECTs; while it waits for the lock, everything queues behind it.',
    badExample: 'BEGIN;\nLOCK TABLE orders;\nUPDATE orders SET total = 0 WHERE total IS NULL;\nCOMMIT;',
    goodExample: "BEGIN;\nSET LOCAL lock_timeout = '2s';\nLOCK TABLE orders IN SHARE MODE;  -- blocks writes only\nCOMMIT;",
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const node = statement.node;
    if (!('LockStmt' in node)) return [];
    const mode = MODES[node.LockStmt.mode ?? 8];
    if (!mode) return [];
    const tables = (node.LockStmt.relations ?? []).flatMap((relation) =>
      'RangeVar' in relation && !context.isNew(relation.RangeVar.schemaname, relation.RangeVar.relname) ? [relationName(relation.RangeVar)] : [],
    );
    if (tables.length === 0) return [];
    return [
      {
        message: `LOCK ${tables.join(', ')} IN ${mode} MODE blocks ${mode === 'ACCESS EXCLUSIVE' ? 'all access' : 'all writes and most locks'} until the transaction ends.`,
        suggestion: 'Take the weakest lock that protects the work (often SHARE or none), and set lock_timeout first.',
      },
    ];
  },
};
