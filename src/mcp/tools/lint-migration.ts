import { INLINE_SQL, lintMigrationInputSchema, lintMigrationOutputSchema, type LintMigrationOutput } from '../../ops/schemas/lint-migration.js';
import { renderReport } from '../markdown.js';
import { defineTool, throwIfCancelled } from '../tool.js';

export const lintMigrationTool = defineTool({
  name: 'lint-migration',
  title: 'Lint migration SQL',
  description: [
    'Find hazards in PostgreSQL migration SQL: statements that lose data, rewrite or lock tables, build indexes',
    'without CONCURRENTLY, add constraints without NOT VALID, break running code, or cannot run in a transaction.',
    'Pass `sql` (inline) and/or `files` (paths of .sql migrations, in order). Each finding has a rule id, a hazard',
    'code (DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK, BREAKING_CHANGE, INDEX_BUILD, ...), file:line:col, and',
    'usually a safer rewrite; the rule\'s documentation is the resource named in `docs`. Use it on any migration',
    'before it runs, hand-written or generated. It only reads: it never connects to a database or runs the SQL,',
    'so it cannot tell how large a table is. `pgVersion` (default 15) matters for version-dependent rules;',
    '`disable` switches rules off for this run.',
  ].join(' '),
  input: lintMigrationInputSchema,
  output: lintMigrationOutputSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(input, context) {
    const { lintMigration } = await import('../../ops/lint-migration.js');
    const output = await lintMigration(input);
    throwIfCancelled(context.signal, 'lint-migration');
    return output;
  },
  markdown: lintMigrationMarkdown,
});

export function lintMigrationMarkdown(result: LintMigrationOutput): string {
  const { errors, warnings, infos } = result.summary;
  const statements = result.files.reduce((sum, file) => sum + file.statements, 0);
  const headline =
    result.findings.length === 0
      ? `**No findings** in ${statements} statements.`
      : `**${result.findings.length} findings** in ${statements} statements: ${errors} errors, ${warnings} warnings, ${infos} infos.`;
  return renderReport({
    summary: headline,
    sections: [
      {
        title: 'Safer forms',
        lines: result.findings.filter((f) => f.suggestion).map((f) => `${where(f)} \`${f.rule}\`: ${f.suggestion}`),
      },
    ],
    warnings: result.findings.map((f) => ({ code: f.code, severity: f.severity, object: `${where(f)} ${f.rule}`, message: f.message })),
    files: result.files.map((f) => ({ path: f.file, description: `${f.statements} statements${f.disabled.length > 0 ? `, disabled: ${f.disabled.join(', ')}` : ''}` })),
  });
}

function where(finding: LintMigrationOutput['findings'][number]): string {
  return `${finding.file ?? INLINE_SQL}:${finding.line}:${finding.column}`;
}
