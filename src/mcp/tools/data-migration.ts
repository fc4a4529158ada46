import { dataMigration, dataMigrationInput, dataMigrationOutput, type DataMigrationOutput } from '../../ops/data-migration.js';
import { renderReport } from '../markdown.js';
import { defineTool, throwIfCancelled } from '../tool.js';

/** Files are written only by the CLI (--out): through MCP the tool only returns text, so it stays read-only. */
const input = dataMigrationInput.omit({ out: true });

export const dataMigrationTool = defineTool({
  name: 'data-migration',
  title: 'Write a data migration',
  description: [
    'Write a PostgreSQL data migration (up and down SQL) from an intent: `backfill` a column (constant or expression,',
    'optionally SET NOT NULL after), `split` a column into two (full name → first/last), `merge` columns, `convert` a',
    'column with an expression (price → cents, new column or in place), `move` a column to another table by key, or a',
    'user `expression` (an UPDATE SET list with an optional WHERE). Each up works in batches by key range with progress',
    'notices, counts rows before and after, checks its result before it drops anything (and rolls back if a check fails),',
    'and copies what it overwrites or drops into _mg_backup_* tables so the down restores the values. Use it next to a',
    'schema migration when values must move, not only columns. It returns SQL only: it runs nothing and writes no files.',
  ].join(' '),
  input,
  output: dataMigrationOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, context) {
    const output = await dataMigration(args);
    throwIfCancelled(context.signal, 'data-migration');
    return output;
  },
  markdown: dataMigrationMarkdown,
});

export function dataMigrationMarkdown(result: DataMigrationOutput): string {
  return renderReport({
    summary: `**Data migration**: ${result.description}.\n\n\`\`\`sql\n${result.up.trimEnd()}\n\`\`\`\n\nDown:\n\n\`\`\`sql\n${result.down.trimEnd()}\n\`\`\``,
    sections: [
      { title: 'Checks', lines: result.checks },
      { title: 'Backup tables', lines: result.backups },
      { title: 'Notes', lines: result.notes },
    ],
  });
}
