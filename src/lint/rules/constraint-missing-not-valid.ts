import type { AlterTableCmd } from 'libpg-query';
import { alterTable, cloneNode, constraintOf, quoteIdent, toSql } from '../ast.js';
import { alterOfExistingTable, sameTransactionFollowers, transactionKind } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const constraintMissingNotValid: Rule = {
  id: 'constraint-missing-not-valid',
  hazard: 'FULL_TABLE_SCAN',
  severity: 'error',
  summary: 'Adding a CHECK constraint without NOT VALID scans the table under an ACCESS EXCLUSIVE lock.',
  doc: {
    problem:
      'ADD CONSTRAINT ... CHECK verifies every existing row while holding an ACCESS EXCLUSIVE lock, blocking ' +
      'reads and writes for the whole scan. Add it NOT VALID (new rows are checked at once, the lock is brief), ' +
      'then VALIDATE CONSTRAINT in a separate transaction: validation takes only a SHARE UPDATE EXCLUSIVE lock. ' +
      'Validating in the same transaction as the NOT VALID add keeps the strong lock and gains nothing.',
    badExample: 'ALTER TABLE orders ADD CONSTRAINT orders_qty_positive CHECK (quantity > 0);',
    goodExample:
      'ALTER TABLE orders ADD CONSTRAINT orders_qty_positive CHECK (quantity > 0) NOT VALID;\n' +
      '-- in a later migration (another transaction): ALTER TABLE orders VALIDATE CONSTRAINT orders_qty_positive;',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: true,
  },
  check(statement, context) {
    const alter = alterOfExistingTable(statement, context);
    if (!alter) return [];
    const hits: RuleHit[] = [];
    alter.cmds.forEach((cmd, position) => {
      const constraint = constraintOf(cmd);
      if (cmd.subtype !== 'AT_AddConstraint' || !constraint) return;
      if (constraint.contype === 'CONSTR_CHECK' && !constraint.skip_validation) {
        const fixed = cloneNode(alter.stmt);
        fixed.cmds = [{ AlterTableCmd: { ...cmd, def: { Constraint: { ...constraint, skip_validation: true, initially_valid: false } } } }];
        hits.push({
          message: `CHECK constraint${constraint.conname ? ` ${quoteIdent(constraint.conname)}` : ''} on ${alter.table} is validated at once: a full scan under an ACCESS EXCLUSIVE lock.`,
          at: constraint.location,
          suggestion: `${toSql({ AlterTableStmt: fixed })};\n-- then, in another transaction: ALTER TABLE ${alter.table} VALIDATE CONSTRAINT ${constraint.conname ? quoteIdent(constraint.conname) : '<name>'};`,
        });
      }
      const checkable = constraint.contype === 'CONSTR_CHECK' || constraint.contype === 'CONSTR_FOREIGN';
      if (!checkable || !constraint.skip_validation || !constraint.conname) return;
      const validates = (cmds: readonly AlterTableCmd[]) =>
        cmds.some((c) => c.subtype === 'AT_ValidateConstraint' && c.name === constraint.conname);
      const validatedHere = validates(alter.cmds.slice(position + 1));
      const validatedLater =
        transactionKind(context) !== 'none' &&
        sameTransactionFollowers(statement, context).some((s) => validates(alterTable(s.node)?.cmds ?? []));
      if (validatedHere || validatedLater) {
        hits.push({
          message: `Constraint ${quoteIdent(constraint.conname)} is added NOT VALID and validated in the same transaction, which still holds the ACCESS EXCLUSIVE lock during the scan.`,
          at: constraint.location,
          severity: 'warning',
          suggestion: 'Validate the constraint in a separate migration (or after COMMIT).',
        });
      }
    });
    return hits;
  },
};
