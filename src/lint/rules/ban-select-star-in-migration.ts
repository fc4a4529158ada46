import type { Node, SelectStmt } from 'libpg-query';
import type { Rule } from '../types.js';

export const banSelectStarInMigration: Rule = {
  id: 'ban-select-star-in-migration',
  hazard: 'MAY_FAIL',
  severity: 'warning',
  summary: 'Copying data with SELECT * depends on the column list at the moment the migration runs.',
  doc: {
    problem:
      'INSERT INTO ... SELECT *, CREATE TABLE ... AS SELECT * and SELECT * INTO copy columns by position. ' +
      'When a column is added, dropped or reordered on either side (by a later migration, or in another ' +
      'environment), the migration fails or silently writes values into the wrong columns.',
    badExample: 'INSERT INTO users_archive SELECT * FROM users WHERE deleted_at IS NOT NULL;',
    goodExample:
      'INSERT INTO users_archive (id, email, deleted_at)\nSELECT id, email, deleted_at FROM users WHERE deleted_at IS NOT NULL;',
    lock: 'none',
    rewrites: false,
    scans: true,
  },
  check(statement) {
    const node = statement.node;
    let query: Node | undefined;
    let what = '';
    if ('InsertStmt' in node) {
      query = node.InsertStmt.selectStmt;
      what = 'INSERT ... SELECT *';
    } else if ('CreateTableAsStmt' in node) {
      query = node.CreateTableAsStmt.query;
      what = node.CreateTableAsStmt.objtype === 'OBJECT_MATVIEW' ? '' : 'CREATE TABLE ... AS SELECT *';
    } else if ('SelectStmt' in node && node.SelectStmt.intoClause) {
      query = node;
      what = 'SELECT * INTO';
    }
    if (!what || !query || !('SelectStmt' in query) || !selectsStar(query.SelectStmt)) return [];
    return [
      {
        message: `${what} copies columns by position; it breaks when either table's columns change.`,
        suggestion: 'List the columns on both sides explicitly.',
      },
    ];
  },
};

function selectsStar(select: SelectStmt): boolean {
  if ((select.larg && selectsStar(select.larg)) || (select.rarg && selectsStar(select.rarg))) return true;
  return (select.targetList ?? []).some((target) => {
    const value = 'ResTarget' in target ? target.ResTarget.val : undefined;
    return value !== undefined && 'ColumnRef' in value && (value.ColumnRef.fields ?? []).some((field) => 'A_Star' in field);
  });
}
