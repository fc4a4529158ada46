import { strings } from '../ast.js';
import type { Rule } from '../types.js';

export const banAlterDomainWithAddConstraint: Rule = {
  id: 'ban-alter-domain-with-add-constraint',
  hazard: 'FULL_TABLE_SCAN',
  severity: 'warning',
  summary: 'ALTER DOMAIN ... ADD CONSTRAINT scans every table that uses the domain.',
  doc: {
    problem:
      'Adding a constraint to a domain checks every value of every column of that domain, in all tables, ' +
      'while locking them against writes. NOT VALID skips the check for existing rows; VALIDATE CONSTRAINT can ' +
      'then run later.',
    badExample: 'ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);',
    goodExample: 'ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;\n-- later:\nALTER DOMAIN positive_int VALIDATE CONSTRAINT positive;',
    lock: 'SHARE',
    rewrites: false,
    scans: true,
  },
  check(statement) {
    const node = statement.node;
    if (!('AlterDomainStmt' in node) || node.AlterDomainStmt.subtype !== 'C') return [];
    const def = node.AlterDomainStmt.def;
    if (def && 'Constraint' in def && def.Constraint.skip_validation) return [];
    return [
      {
        message: `Adding a constraint to domain ${strings(node.AlterDomainStmt.typeName).join('.')} checks every column of that type in every table.`,
        suggestion: 'Add it NOT VALID, then VALIDATE CONSTRAINT in a later migration.',
      },
    ];
  },
};
