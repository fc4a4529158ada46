import { strings } from '../ast.js';
import type { Rule } from '../types.js';

export const banCreateDomainWithConstraint: Rule = {
  id: 'ban-create-domain-with-constraint',
  hazard: 'TYPE_CHOICE',
  severity: 'info',
  summary: 'Constraints on domains are hard to change later without blocking; prefer table CHECK constraints.',
  doc: {
    problem:
      'A CHECK on a domain applies to every column of every table that uses the domain. Changing it later ' +
      '(ALTER DOMAIN ... ADD CONSTRAINT) scans all of those tables, and dropping or replacing it touches all ' +
      'of them at once. A table CHECK constraint can be changed per table with NOT VALID + VALIDATE.',
    badExample: 'CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);',
    goodExample: 'CREATE DOMAIN positive_int AS integer;\nALTER TABLE items ADD CONSTRAINT items_qty_positive CHECK (qty > 0) NOT VALID;',
    lock: 'none',
    rewrites: false,
    scans: false,
  },
  check(statement) {
    const node = statement.node;
    if (!('CreateDomainStmt' in node)) return [];
    const checks = (node.CreateDomainStmt.constraints ?? []).filter((c) => 'Constraint' in c && c.Constraint.contype === 'CONSTR_CHECK');
    if (checks.length === 0) return [];
    return [
      {
        message: `Domain ${strings(node.CreateDomainStmt.domainname).join('.')} carries a CHECK constraint that every future change must re-verify across all tables using it.`,
        suggestion: 'Put the CHECK on the tables (constraints per column), where it can be changed without blocking.',
      },
    ];
  },
};
