import { columnDefOf, quoteIdent, typeInfo, type TypeInfo } from '../ast.js';
import { alterOfExistingTable } from '../checks.js';
import type { Rule, RuleHit } from '../types.js';

export const changingColumnType: Rule = {
  id: 'changing-column-type',
  hazard: 'TABLE_REWRITE',
  severity: 'error',
  summary: 'ALTER COLUMN ... TYPE rewrites the table and its indexes unless the old type is binary-compatible.',
  doc: {
    problem:
      'Changing a column type rewrites every row and rebuilds every index of the table under an ACCESS ' +
      'EXCLUSIVE lock, except for binary-compatible changes that only touch the catalog: varchar(n) to ' +
      'varchar(m > n), varchar to text, numeric(p,s) to numeric(p\' > p, s), numeric to unconstrained numeric, ' +
      'cidr to inet, and (PostgreSQL 12+, session TimeZone UTC) timestamp to timestamptz. The linter sees only ' +
      'the new type, so a possibly safe target is a warning naming the old types that make it safe; any other ' +
      'target is an error. Changing the type also breaks code that reads the column as the old type.',
    badExample: 'ALTER TABLE orders ALTER COLUMN id TYPE bigint;',
    goodExample:
      'ALTER TABLE orders ADD COLUMN id_new bigint;\n' +
      '-- keep id_new in sync with a trigger, backfill it in batches, then swap the columns in a later migration',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: true,
    scans: true,
  },
  check(statement, context) {
    const alter = alterOfExistingTable(statement, context);
    if (!alter) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alter.cmds) {
      const column = cmd.subtype === 'AT_AlterColumnType' ? columnDefOf(cmd) : undefined;
      if (!column) continue;
      const target = typeInfo(column.typeName);
      const where = `${alter.table}.${quoteIdent(cmd.name ?? '')}`;
      const safeFrom = binaryCompatibleSources(target, context.pgVersion);
      const using = column.raw_default ? ' The USING expression must itself be a plain cast for the change to stay in the catalog.' : '';
      if (safeFrom) {
        hits.push({
          message: `Changing ${where} to ${target.display} is catalog-only when the old type is ${safeFrom}; from any other type it rewrites the table under an ACCESS EXCLUSIVE lock.${using}`,
          at: column.typeName?.location,
          severity: 'warning',
          suggestion: 'Confirm the current type; if it is not one of those, add a new column, backfill it in batches, and switch readers over.',
        });
      } else {
        hits.push({
          message: `Changing ${where} to ${target.display} rewrites ${alter.table} and rebuilds its indexes under an ACCESS EXCLUSIVE lock.`,
          at: column.typeName?.location,
          suggestion:
            `Add a new ${target.display} column, keep it in sync with a trigger, backfill it in batches, ` +
            'move readers and writers to it, then drop the old column in a later migration.',
        });
      }
    }
    return hits;
  },
};

/** Old types from which a change to `target` needs no rewrite, in words; undefined when none. */
function binaryCompatibleSources(target: TypeInfo, pgVersion: number): string | undefined {
  if (target.array) return undefined;
  const [first, second] = target.mods;
  switch (target.name) {
    case 'text':
      return 'varchar or varchar(n)';
    case 'varchar':
      return first === undefined ? 'text or varchar(n)' : `varchar(m) with m <= ${first}`;
    case 'numeric':
      return first === undefined ? 'numeric(p,s)' : `numeric(p,${second ?? 0}) with p <= ${first}`;
    case 'varbit':
      return first === undefined ? 'bit varying(n)' : `bit varying(m) with m <= ${first}`;
    case 'inet':
      return 'cidr';
    case 'citext':
      return 'text (citext is a domain-like type over text)';
    case 'timestamptz':
    case 'timestamp':
      return pgVersion >= 12
        ? `${target.name === 'timestamptz' ? 'timestamp' : 'timestamptz'}, and only while the session TimeZone is UTC`
        : undefined;
    default:
      return undefined;
  }
}
