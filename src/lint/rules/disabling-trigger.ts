import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

const TOGGLES: ReadonlySet<string> = new Set([
  'AT_EnableTrig',
  'AT_EnableAlwaysTrig',
  'AT_EnableReplicaTrig',
  'AT_DisableTrig',
  'AT_EnableTrigAll',
  'AT_DisableTrigAll',
  'AT_EnableTrigUser',
  'AT_DisableTrigUser',
]);

export const disablingTrigger: Rule = {
  id: 'disabling-trigger',
  hazard: 'SHARE_LOCK',
  severity: 'warning',
  summary: 'ENABLE/DISABLE TRIGGER blocks writes while it waits, and a disabled trigger silently skips its work.',
  doc: {
    problem:
      'ALTER TABLE ... ENABLE/DISABLE TRIGGER takes a SHARE ROW EXCLUSIVE lock, blocking writes. While a trigger ' +
      'is disabled, every write skips it: audit rows, derived columns and (with DISABLE TRIGGER ALL) foreign key ' +
      'checks are lost for writes from all sessions, not only the migration.',
    badExample: 'ALTER TABLE orders DISABLE TRIGGER ALL;',
    goodExample: "-- skip triggers for this session only, during a backfill:\nSET session_replication_role = replica;",
    lock: 'SHARE ROW EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement, context) {
    const alter = alterOfExistingTable(statement, context);
    if (!alter) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alter.cmds) {
      if (!TOGGLES.has(cmd.subtype ?? '')) continue;
      const all = cmd.subtype === 'AT_DisableTrigAll';
      const disabling = cmd.subtype?.startsWith('AT_Disable') === true;
      hits.push({
        message: disabling
          ? `Disabling ${all ? 'all triggers (including foreign key checks)' : `trigger ${cmd.name ?? ''}`} on ${alter.table} affects every session's writes, and blocks writes while the lock is taken.`
          : `Enabling trigger ${cmd.name ?? '(all)'} on ${alter.table} blocks writes while the lock is taken.`,
        ...(all ? { severity: 'error' as const } : disabling ? {} : { severity: 'info' as const }),
        suggestion: disabling ? 'Prefer SET session_replication_role = replica in the session that needs it.' : undefined,
      });
    }
    return hits;
  },
};
