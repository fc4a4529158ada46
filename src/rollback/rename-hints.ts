/**
 * Renames the up performs, read from its statements, as hints for the way back: without them the
 * diff would see a table or column dropped and another created, and the down would lose its data.
 */
import type { RenameHint } from '../core/change.js';
import { parsePostgres } from '../sources/sql/parse-postgres.js';

export async function renameHintsOf(up: string): Promise<RenameHint[]> {
  const statements = await parsePostgres(up).catch(() => []);
  const tables: RenameHint[] = [];
  const columns: { table: string; from: string; to: string }[] = [];
  for (const statement of statements) {
    const rename = statement.node.RenameStmt as Record<string, any> | undefined;
    if (!rename?.relation) continue;
    const schema = rename.relation.schemaname ? `${rename.relation.schemaname}.` : '';
    const table = `${schema}${rename.relation.relname}`;
    // The hints read after → before: the new name first.
    if (rename.renameType === 'OBJECT_TABLE') tables.push({ from: `${schema}${rename.newname}`, to: table });
    if (rename.renameType === 'OBJECT_COLUMN') columns.push({ table, from: rename.newname, to: rename.subname });
  }
  // A column's table is named as it is after the up on one side, as it was before on the other.
  const finalName = (name: string): string => {
    let current = name;
    for (const t of tables) if (t.to === current) current = t.from;
    return current;
  };
  const originalName = (name: string): string => {
    let current = name;
    for (const t of [...tables].reverse()) if (t.from === current) current = t.to;
    return current;
  };
  return [
    ...tables,
    ...columns.map((c) => ({ from: `${finalName(c.table)}.${c.from}`, to: `${originalName(c.table)}.${c.to}` })),
  ];
}
