import type { AlterTableCmd, Node } from 'libpg-query';
import { alterTable, constraintOf, quoteIdent, relationName, strings } from '../ast.js';
import { alterOfExistingTable } from '../checks.js';
import type { LintContext, Rule, RuleHit, Statement } from '../types.js';

export const addingNotNullableField: Rule = {
  id: 'adding-not-nullable-field',
  hazard: 'FULL_TABLE_SCAN',
  severity: 'warning',
  summary: 'SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock unless a validated CHECK proves it.',
  doc: {
    problem:
      'ALTER COLUMN ... SET NOT NULL reads every row to prove there is no NULL, holding an ACCESS EXCLUSIVE ' +
      'lock that blocks reads and writes for the whole scan. Since PostgreSQL 12 the scan is skipped when a ' +
      'validated CHECK (col IS NOT NULL) constraint already proves it; that CHECK can be added NOT VALID and ' +
      'validated under a weaker lock.',
    badExample: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
    goodExample:
      'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n' +
      'ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n' +
      'ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n' +
      'ALTER TABLE users DROP CONSTRAINT users_email_not_null;',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: true,
  },
  check(statement, context) {
    const alter = alterOfExistingTable(statement, context);
    if (!alter) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_SetNotNull' || !cmd.name) continue;
      if (context.pgVersion >= 12 && provenNotNull(statement, context, cmd)) continue;
      const column = quoteIdent(cmd.name);
      const check = quoteIdent(`${alter.stmt.relation?.relname ?? 't'}_${cmd.name}_not_null`);
      hits.push({
        message: `SET NOT NULL on ${alter.table}.${column} scans the whole table while blocking reads and writes.`,
        suggestion:
          context.pgVersion >= 12
            ? [
                `ALTER TABLE ${alter.table} ADD CONSTRAINT ${check} CHECK (${column} IS NOT NULL) NOT VALID;`,
                `ALTER TABLE ${alter.table} VALIDATE CONSTRAINT ${check};`,
                `ALTER TABLE ${alter.table} ALTER COLUMN ${column} SET NOT NULL;`,
                `ALTER TABLE ${alter.table} DROP CONSTRAINT ${check};`,
              ].join('\n')
            : `Before PostgreSQL 12 the scan cannot be skipped: keep a validated CHECK (${column} IS NOT NULL) constraint instead of NOT NULL, or run this in a quiet window.`,
      });
    }
    return hits;
  },
};

/** An earlier command (this file, same table) added and validated CHECK (column IS NOT NULL). */
function provenNotNull(statement: Statement, context: LintContext, target: AlterTableCmd): boolean {
  const table = alterTable(statement.node)?.stmt.relation;
  const pending = new Set<string>();
  const validated = new Set<string>();
  let unnamedValid = false;
  for (const earlier of context.statements.slice(0, statement.index + 1)) {
    const alter = alterTable(earlier.node);
    if (!alter || relationName(alter.stmt.relation) !== relationName(table)) continue;
    for (const cmd of alter.cmds) {
      if (cmd === target) return unnamedValid || [...validated].length > 0;
      const constraint = constraintOf(cmd);
      if (cmd.subtype === 'AT_AddConstraint' && constraint?.contype === 'CONSTR_CHECK' && isNotNullTest(constraint.raw_expr, target.name)) {
        if (!constraint.skip_validation) {
          if (constraint.conname) validated.add(constraint.conname);
          else unnamedValid = true;
        } else if (constraint.conname) {
          pending.add(constraint.conname);
        }
      } else if (cmd.subtype === 'AT_ValidateConstraint' && cmd.name && pending.has(cmd.name)) {
        validated.add(cmd.name);
      } else if (cmd.subtype === 'AT_DropConstraint' && cmd.name) {
        validated.delete(cmd.name);
        pending.delete(cmd.name);
      }
    }
  }
  return false;
}

function isNotNullTest(expr: Node | undefined, column: string | undefined): boolean {
  if (!expr || !('NullTest' in expr)) return false;
  const test = expr.NullTest;
  const arg = test.arg;
  return test.nulltesttype === 'IS_NOT_NULL' && arg !== undefined && 'ColumnRef' in arg && strings(arg.ColumnRef.fields).pop() === column;
}
