import { cloneNode, columnConstraints, columnDefOf, constraintOf, quoteIdent, relationName, toSql } from '../ast.js';
import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const addingForeignKeyConstraint: Rule = {
  id: 'adding-foreign-key-constraint',
  hazard: 'SHARE_LOCK',
  severity: 'error',
  summary: 'Adding a foreign key without NOT VALID blocks writes on both tables while every row is checked.',
  doc: {
    problem:
      'ADD FOREIGN KEY takes a SHARE ROW EXCLUSIVE lock on the table and the referenced table and checks every ' +
      'existing row before releasing it: writes to both tables wait for the whole scan. Add the key NOT VALID ' +
      '(only new rows are checked), then VALIDATE CONSTRAINT in a separate transaction, which does not block writes.',
    badExample: 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);',
    goodExample:
      'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n' +
      '-- in a later migration: ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;',
    lock: 'SHARE ROW EXCLUSIVE',
    rewrites: false,
    scans: true,
  },
  check(statement, context) {
    const alter = alterOfExistingTable(statement, context);
    if (!alter) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alter.cmds) {
      const constraint = constraintOf(cmd);
      if (cmd.subtype === 'AT_AddConstraint' && constraint?.contype === 'CONSTR_FOREIGN' && !constraint.skip_validation) {
        const fixed = cloneNode(alter.stmt);
        fixed.cmds = [{ AlterTableCmd: { ...cmd, def: { Constraint: { ...constraint, skip_validation: true, initially_valid: false } } } }];
        hits.push({
          message: `Foreign key on ${alter.table} referencing ${relationName(constraint.pktable)} is validated at once: writes to both tables wait for a full scan.`,
          at: constraint.location,
          suggestion: `${toSql({ AlterTableStmt: fixed })};\n-- then, in another transaction: ALTER TABLE ${alter.table} VALIDATE CONSTRAINT ${constraint.conname ? quoteIdent(constraint.conname) : '<name>'};`,
        });
      }
      const column = cmd.subtype === 'AT_AddColumn' ? columnDefOf(cmd) : undefined;
      const reference = column && columnConstraints(column).find((c) => c.contype === 'CONSTR_FOREIGN');
      if (column && reference) {
        hits.push({
          message: `Adding ${quoteIdent(column.colname ?? '')} with REFERENCES ${relationName(reference.pktable)} locks both tables against writes while the key is checked.`,
          at: reference.location,
          // The new column holds NULLs, so the check is quick; the lock on the referenced table is the cost.
          severity: 'warning',
          suggestion: 'Add the column without REFERENCES, then ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID and VALIDATE it in a separate transaction.',
        });
      }
    }
    return hits;
  },
};
