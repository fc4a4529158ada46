import { detectChangesInput, detectChangesOutput, type DetectChangesOutput } from '../../ops/schemas/detect-changes.js';
import { confirmRenames } from '../confirm-renames.js';
import { renderReport } from '../markdown.js';
import { defineTool, throwIfCancelled } from '../tool.js';

export const detectChangesTool = defineTool({
  name: 'detect-changes',
  title: 'Detect schema changes',
  description: [
    'Compare a current schema (`from`) with a desired schema (`to`) and list every change: tables, columns, types,',
    'defaults, constraints, indexes, enums, views, functions, sequences, grants. Each side is inline SQL (CREATE',
    'statements), a path to a .sql file, a folder of .sql files (name order, *.down.sql skipped) or a schema.prisma, or a',
    'database URL (postgres://, mysql://, or a SQLite file; read-only, never written). Set `dialect` to postgres (default),',
    'mysql or sqlite. Use it first, to see what a migration has to do and which',
    'changes lose data. A drop plus an add that look alike are reported in `possibleRenames`, never applied: confirm one',
    'by calling again with `renames: ["users.fullname=users.full_name"]` (when your client supports elicitation the',
    'person is asked directly). It writes nothing and produces no migration SQL. "-" (stdin)',
    'is not available over MCP.',
  ].join(' '),
  input: detectChangesInput,
  output: detectChangesOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(input, context) {
    await context.onProgress({ progress: 0, total: 2, message: 'loading and comparing the schemas' });
    const { detectChanges } = await import('../../ops/detect-changes.js');
    const first = await detectChanges(input, context);
    throwIfCancelled(context.signal, 'detect-changes');
    const answers = await confirmRenames(first.possibleRenames, context);
    // No closing 2/2: the result itself says it is done, and a last notification can race it.
    if (!answers || answers.renames.length === 0) return withoutAnswered(first, answers?.dropAndAdd ?? []);
    await context.onProgress({ progress: 1, total: 2, message: 'comparing again with the confirmed renames' });
    const second = await detectChanges({ ...input, renames: [...input.renames, ...answers.renames] }, context);
    return withoutAnswered(second, answers.dropAndAdd);
  },
  markdown: detectChangesMarkdown,
});

/** A look-alike the person called a real drop and add is no longer a question. */
function withoutAnswered(result: DetectChangesOutput, dropAndAdd: readonly string[]): DetectChangesOutput {
  if (dropAndAdd.length === 0) return result;
  const answered = new Set(result.possibleRenames.filter((r) => dropAndAdd.includes(r.hint)).map((r) => r.from));
  return {
    ...result,
    possibleRenames: result.possibleRenames.filter((r) => !dropAndAdd.includes(r.hint)),
    warnings: result.warnings.filter((w) => !(w.code === 'POSSIBLE_RENAME' && w.object !== undefined && answered.has(w.object))),
  };
}

export function detectChangesMarkdown(result: DetectChangesOutput): string {
  const { summary } = result;
  const headline =
    result.changes.length === 0
      ? '**No changes**: the schemas are equal.'
      : `**${result.changes.length} changes**: ${summary.added} added, ${summary.removed} removed, ${summary.changed} changed; ${summary.dataLoss} can lose data.`;
  return renderReport({
    summary: headline,
    sections: [
      { title: 'Changes', lines: result.changes.map((c) => `${c.summary}${c.dataLoss ? ' (**loses data**)' : ''}`) },
      {
        title: 'Possible renames (not applied)',
        lines: result.possibleRenames.map((r) => `${r.from} → ${r.to}, confidence ${r.confidence} (${r.evidence.join('; ')}): confirm with \`renames: ["${r.hint}"]\``),
      },
      { title: 'Not represented (reported, not compared)', lines: result.unsupported.map((u) => `${u.side}: ${u.detail}`) },
    ],
    warnings: result.warnings,
    tail: result.diagram ? `\`\`\`mermaid\n${result.diagram.trimEnd()}\n\`\`\`` : undefined,
  });
}
