import { validateMigrationInput, validateMigrationOutput, type ValidateMigrationOutput } from '../../ops/schemas/validate-migration.js';
import { renderReport } from '../markdown.js';
import { defineTool, throwIfCancelled } from '../tool.js';

export const validateMigrationTool = defineTool({
  name: 'validate-migration',
  title: 'Validate a migration on a scratch database',
  description: [
    'Prove an up/down migration pair by running it: build `from` on a scratch database (embedded PGlite, or a fresh',
    'database created and dropped on the disposable server `databaseUrl`), insert sample rows, apply `up`, compare',
    'with `to` when given, apply `down`, compare with `from`, and check that rows survived. `up` and `down` are .sql',
    'files or the SQL itself; `from` and `to` are inline SQL, files, folders, a schema.prisma or a database URL (only',
    'read, never migrated). Use it before a migration reaches a real database. Each stage is reported with its error',
    'or the schema differences it found; `ok` is true only when every stage passed. `dialect`: postgres (default),',
    'mysql (a scratch database on the MySQL/MariaDB server `databaseUrl`) or sqlite (in memory).',
  ].join(' '),
  input: validateMigrationInput,
  output: validateMigrationOutput,
  // It creates and drops scratch databases of its own; nothing the user owns is written.
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(input, context) {
    const { validateMigrationOp } = await import('../../ops/validate-migration.js');
    const output = await validateMigrationOp(input, context);
    throwIfCancelled(context.signal, 'validate-migration');
    return output;
  },
  markdown: validateMigrationMarkdown,
});

export function validateMigrationMarkdown(result: ValidateMigrationOutput): string {
  const failed = result.steps.filter((s) => !s.ok);
  const headline = result.ok
    ? `**Validated** on ${result.engine}: ${result.steps.length} stages passed.`
    : `**Validation failed** on ${result.engine}: ${failed.map((s) => s.name).join(', ')}.`;
  return renderReport({
    summary: headline,
    sections: [
      { title: 'Stages', lines: result.steps.map((s) => `${s.ok ? 'ok' : 'FAILED'}: ${s.name}${s.error ? `: ${s.error}` : ''}`) },
      { title: 'Differences', lines: result.steps.flatMap((s) => (s.differences ?? []).map((d) => `${s.name}: ${d}`)) },
      { title: 'Rows', lines: result.rows.map((r) => `${r.table}: ${r.before} before, ${r.afterUp ?? '?'} after up, ${r.afterDown ?? '?'} after down`) },
    ],
  });
}
