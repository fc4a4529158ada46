import { rollbackInput, rollbackOutput, type RollbackOutput } from '../../ops/schemas/rollback.js';
import { renderReport } from '../markdown.js';
import { defineTool, throwIfCancelled } from '../tool.js';

export const rollbackTool = defineTool({
  name: 'rollback',
  title: 'Write the down migration',
  description: [
    'Write the down (rollback) migration of a PostgreSQL up migration. Give the up as `migration` (a .sql file) or `sql`,',
    'or a migrations `folder` with `last` N to roll back its last N migrations in reverse order. With `from` (the schema',
    'before the up: a .sql file, folder, inline SQL or database URL, read-only) the down is exact: the up is applied on a',
    'scratch database (PGlite, or a fresh database on `scratchUrl`), the way back is planned and proven there (`verified`).',
    'Without it, the SQL is inverted statement by statement and `irreversible` names what cannot be undone from the text',
    'and what to supply. `dataLoss` lists what the up destroys; with `keepData` the result also holds an `up` that copies',
    'that data into _mg_backup_* tables first and a `down` that restores it. It returns text only: it writes no files and',
    'never migrates a real database.',
  ].join(' '),
  input: rollbackInput,
  output: rollbackOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(input, context) {
    const { rollback } = await import('../../ops/rollback.js');
    const output = await rollback(input, context);
    throwIfCancelled(context.signal, 'rollback');
    return output;
  },
  markdown: rollbackMarkdown,
});

export function rollbackMarkdown(result: RollbackOutput): string {
  const verified = result.verified ? (result.verified.ok ? ' Proven on a scratch database.' : ' **The down did not restore the schema.**') : '';
  return renderReport({
    summary: `**Rollback** (${result.mode}) of ${result.migrations.length || 1} migration(s): ${result.irreversible.length} irreversible item(s).${verified}\n\n\`\`\`sql\n${result.down.trimEnd()}\n\`\`\``,
    sections: [
      { title: 'Irreversible', lines: result.irreversible.map((i) => `${i.line ? `line ${i.line}: ` : ''}${i.statement}: ${i.reason}`) },
      { title: 'Data kept in backup tables', lines: result.kept },
    ],
    warnings: result.warnings,
    files: [],
  });
}
