import { relationName } from '../ast.js';
import { hasOption } from '../checks.js';
import type { Rule } from '../types.js';

export const banVacuumFull: Rule = {
  id: 'ban-vacuum-full',
  hazard: 'TABLE_REWRITE',
  severity: 'error',
  summary: 'VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock.',
  doc: {
    problem:
      'VACUUM FULL copies the whole table into a new file and rebuilds its indexes, holding an ACCESS EXCLUSIVE ' +
      'lock throughout: no reads or writes. It also cannot run inside a transaction block, so most migration ' +
      'runners fail on it anyway. Plain VACUUM (or pg_repack for bloat) does not block.',
    badExample: 'VACUUM FULL orders;',
    goodExample: 'VACUUM (ANALYZE) orders;',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: true,
    scans: true,
  },
  check(statement) {
    const node = statement.node;
    if (!('VacuumStmt' in node) || !node.VacuumStmt.is_vacuumcmd || !hasOption(node.VacuumStmt.options, 'full')) return [];
    const tables = (node.VacuumStmt.rels ?? []).flatMap((rel) => ('VacuumRelation' in rel ? [relationName(rel.VacuumRelation.relation)] : []));
    return [
      {
        message: `VACUUM FULL ${tables.length > 0 ? tables.join(', ') : '(every table)'} rewrites the data under an ACCESS EXCLUSIVE lock.`,
        suggestion: 'Use plain VACUUM, or pg_repack to remove bloat online, outside the migration.',
      },
    ];
  },
};
