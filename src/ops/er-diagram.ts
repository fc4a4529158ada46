/** A Mermaid erDiagram of the tables a set of changes touches, in their desired shape. */
import type { Column, Schema, Table } from '../core/model.js';
import { compareText } from '../core/model.js';

export function erDiagram(objects: readonly string[], from: Schema, to: Schema): string {
  const touched = new Map<string, Table>();
  for (const [key, table] of [...Object.entries(from.tables), ...Object.entries(to.tables)]) {
    if (objects.some((o) => o === key || o.startsWith(`${key}.`))) touched.set(key, table);
  }
  const entity = (key: string) => key.replace(/[^A-Za-z0-9_]/g, '_');
  const lines = ['erDiagram'];
  const keys = [...touched.keys()].sort(compareText);
  for (const key of keys) {
    const table = touched.get(key) as Table;
    lines.push(`  ${entity(key)} {`);
    for (const column of table.columns) lines.push(`    ${typeWord(column)} ${entity(column.name)}${keyMarks(table, column)}`);
    lines.push('  }');
  }
  for (const key of keys) {
    for (const constraint of Object.values((touched.get(key) as Table).constraints)) {
      if (constraint.kind === 'foreign_key' && constraint.references) {
        lines.push(`  ${entity(constraint.references.table)} ||--o{ ${entity(key)} : "${constraint.name.replace(/"/g, "'")}"`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function typeWord(column: Column): string {
  return column.type.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'unknown';
}

function keyMarks(table: Table, column: Column): string {
  const marks = new Set<string>();
  for (const c of Object.values(table.constraints)) {
    if (!c.columns.includes(column.name)) continue;
    if (c.kind === 'primary_key') marks.add('PK');
    if (c.kind === 'foreign_key') marks.add('FK');
    if (c.kind === 'unique') marks.add('UK');
  }
  return marks.size > 0 ? ` ${[...marks].join(',')}` : '';
}
