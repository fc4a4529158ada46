import type { ColumnDef, Node } from 'libpg-query';
import { alterTableCommands, columnDefOf, hasConstraint, relationName, strings } from './ast.js';

/** A column whose type a statement declares: in CREATE TABLE, ADD COLUMN or ALTER COLUMN ... TYPE. */
export interface DeclaredColumn {
  readonly table: string;
  readonly name: string;
  readonly column: ColumnDef;
  /** Part of the primary key, declared on the column or the table. */
  readonly primaryKey: boolean;
}

export function declaredColumns(node: Node): DeclaredColumn[] {
  if ('CreateStmt' in node) {
    const table = relationName(node.CreateStmt.relation);
    const elements = node.CreateStmt.tableElts ?? [];
    const keyColumns = new Set<string>();
    for (const element of elements) {
      if ('Constraint' in element && element.Constraint.contype === 'CONSTR_PRIMARY') {
        for (const key of strings(element.Constraint.keys)) keyColumns.add(key);
      }
    }
    const out: DeclaredColumn[] = [];
    for (const element of elements) {
      if (!('ColumnDef' in element)) continue;
      const column = element.ColumnDef;
      const name = column.colname ?? '';
      out.push({ table, name, column, primaryKey: keyColumns.has(name) || hasConstraint(column, 'CONSTR_PRIMARY') });
    }
    return out;
  }
  const alter = alterTableCommands(node);
  if (!alter || alter.stmt.objtype !== 'OBJECT_TABLE') return [];
  const table = relationName(alter.stmt.relation);
  const out: DeclaredColumn[] = [];
  for (const cmd of alter.cmds) {
    const column = columnDefOf(cmd);
    if (!column || (cmd.subtype !== 'AT_AddColumn' && cmd.subtype !== 'AT_AlterColumnType')) continue;
    out.push({ table, name: column.colname ?? cmd.name ?? '', column, primaryKey: hasConstraint(column, 'CONSTR_PRIMARY') });
  }
  return out;
}
