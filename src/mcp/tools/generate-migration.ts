import { generateMigrationInput, generateMigrationOutput, type GenerateMigrationOutput } from '../../ops/schemas/generate-migration.js';
import { confirmRenames } from '../confirm-renames.js';
import { renderReport } from '../markdown.js';
import { defineTool, throwIfCancelled, type ToolContext } from '../tool.js';
import type { z } from 'zod';

type Input = z.output<typeof generateMigrationInput>;

export const generateMigrationTool = defineTool({
  name: 'generate-migration',
  title: 'Generate a migration',
  description: [
    'Turn the difference between a current schema (`from`) and a desired one (`to`) into a migration: `up` and its true',
    'inverse `down`, ordered so the database accepts them, with safe patterns by default (NOT NULL added in steps,',
    'renames kept as RENAME, indexes CONCURRENTLY with `concurrently: true`). Each side is inline SQL, a .sql file, a',
    'folder of .sql files, a schema.prisma, or a database URL (read-only). `format` picks the file shape (sql, or a',
    'framework\'s own). The result lists the changes, hazards as warnings, and the files; nothing is written unless',
    '`out` names a folder, and then files are only added, never overwritten. A migration that loses data (drops,',
    'narrowing) is written only with `allowDataLoss: true`. `validate: true` proves up and down on a scratch database',
    '(embedded PGlite, or a fresh database on `scratchUrl`) and reports each stage. Possible renames are reported, not',
    'guessed; confirm with `renames: ["users.fullname=users.full_name"]` (clients with elicitation are asked directly).',
    '`dataMigration` adds a data migration (backfill a column, split one into two, merge, convert with an expression,',
    'move to another table, or a SET expression): batched by key, checked before it commits, reversible through backup',
    'tables; pass the same schema as `from` and `to` when only data moves.',
  ].join(' '),
  input: generateMigrationInput,
  output: generateMigrationOutput,
  // Writes only new files, and only into `out`; the databases it reads are never changed.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, context) {
    const renames = await askAboutRenames(input, context);
    const { generateMigration } = await import('../../ops/generate-migration.js');
    const output = await generateMigration({ ...input, renames }, { ...context, now: () => new Date() });
    throwIfCancelled(context.signal, 'generate-migration');
    return output;
  },
  markdown: generateMigrationMarkdown,
});

/** With a person to ask, look-alike drops and adds become questions before anything is generated or written. */
async function askAboutRenames(input: Input, context: ToolContext): Promise<string[]> {
  if (!context.elicit) return input.renames;
  const { detectChanges } = await import('../../ops/detect-changes.js');
  const detected = await detectChanges({ from: input.from, to: input.to, dialect: input.dialect, renames: input.renames, scratchUrl: input.scratchUrl }, context);
  throwIfCancelled(context.signal, 'generate-migration');
  const answers = await confirmRenames(detected.possibleRenames, context);
  return [...input.renames, ...(answers?.renames ?? [])];
}

export function generateMigrationMarkdown(result: GenerateMigrationOutput): string {
  const { plan } = result;
  const headline =
    result.changes.length === 0
      ? '**No changes**: the schemas are equal; the migration is empty.'
      : `**${result.changes.length} changes** in ${plan.steps} steps; ${plan.reversible ? 'fully reversible' : '**not fully reversible**'}; ${plan.destructive ? '**loses data**' : 'keeps all data'}; ${plan.transactional ? 'runs in one transaction' : 'has steps that run outside a transaction'}.`;
  const validation = result.validation
    ? `Validation on ${result.validation.engine}: ${result.validation.ok ? '**passed**' : '**failed**'} (${result.validation.steps.map((s) => `${s.name} ${s.ok ? 'ok' : 'FAILED'}`).join(', ')}).`
    : undefined;
  return renderReport({
    summary: [headline, ...(validation ? [validation] : [])].join('\n\n'),
    sections: [
      { title: 'Steps', lines: plan.details.map((d) => `${d.description}${d.transactional ? '' : ' (outside a transaction)'}${d.hazards.length ? ` [${d.hazards.join(', ')}]` : ''}`) },
      { title: 'Data migration', lines: result.dataMigration ? [result.dataMigration.description, ...result.dataMigration.checks.map((c) => `check: ${c}`), ...result.dataMigration.notes] : [] },
      { title: 'Validation differences', lines: (result.validation?.steps ?? []).flatMap((s) => [...(s.error ? [`${s.name}: ${s.error}`] : []), ...(s.differences ?? []).map((d) => `${s.name}: ${d}`)]) },
    ],
    warnings: result.warnings,
    files: result.files.map((f) => ({ path: f.path, description: result.written.some((w) => w.endsWith(f.path)) ? 'written' : 'not written (no `out`, or refused)' })),
    tail: [sqlBlock(result.up), ...(result.dataMigration ? [`Data migration, up:\n\n${sqlBlock(result.dataMigration.up)}`] : [])].join('\n\n'),
  });
}

const SHOWN_LINES = 120;

/** The up SQL for the reader; a long one is cut, since the structured result carries all of it. */
function sqlBlock(sql: string): string {
  const lines = sql.trimEnd().split('\n');
  const shown = lines.slice(0, SHOWN_LINES).join('\n');
  const rest = lines.length - SHOWN_LINES;
  return `\`\`\`sql\n${shown}\n\`\`\`${rest > 0 ? `\n\n… ${rest} more lines: see \`up\` in the structured result.` : ''}`;
}
