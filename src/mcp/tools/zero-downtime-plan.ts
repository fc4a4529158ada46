import { zeroDowntimePlanInput, zeroDowntimePlanOutput, type ZeroDowntimePlanOutput } from '../../ops/schemas/zero-downtime-plan.js';
import { renderReport } from '../markdown.js';
import { defineTool, throwIfCancelled } from '../tool.js';

export const zeroDowntimePlanTool = defineTool({
  name: 'zero-downtime-plan',
  title: 'Plan a zero-downtime PostgreSQL rollout',
  description: [
    'Turn a schema change into a rollout that never blocks traffic: ordered phases (expand-types, expand,',
    'expand-indexes, backfill, validate, contract, contract-indexes), each its own migration with lock_timeout and',
    'statement_timeout, a retry note, and the application deploys that must happen before it (`before`, and the',
    'whole order in `rollout`). Renames become a new column kept equal by a trigger, a batched backfill, then a',
    'drop; type changes a shadow column swapped in; NOT NULL a CHECK NOT VALID, VALIDATE, SET NOT NULL; foreign',
    'keys and checks NOT VALID then VALIDATE; indexes CONCURRENTLY outside transactions; drops only in contract.',
    'Give `from` and `to` like detect-changes (SQL, file, folder, schema.prisma or a read-only database URL), with',
    '`renames` for confirmed renames. Each phase is linted by lint-migration: `accepted` lists the findings it keeps on',
    'purpose, with the reason. PostgreSQL only. It runs nothing against your database; files are written only into',
    '`out`, never over existing ones.',
  ].join(' '),
  input: zeroDowntimePlanInput,
  output: zeroDowntimePlanOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, context) {
    await context.onProgress({ progress: 0, total: 1, message: 'loading the schemas and planning the phases' });
    const { zeroDowntimePlan } = await import('../../ops/zero-downtime-plan.js');
    const output = await zeroDowntimePlan(input, context);
    throwIfCancelled(context.signal, 'zero-downtime-plan');
    return output;
  },
  markdown: zeroDowntimePlanMarkdown,
});

export function zeroDowntimePlanMarkdown(result: ZeroDowntimePlanOutput): string {
  const headline =
    result.phases.length === 0
      ? '**No changes**: nothing to roll out.'
      : `**${result.phases.length} phases** for ${result.changes.length} changes; ${result.rollout.filter((r) => r.startsWith('deploy:')).length} application deploys in between.`;
  return renderReport({
    summary: headline,
    sections: [
      { title: 'Rollout', lines: result.rollout },
      { title: 'Accepted lint findings', lines: result.phases.flatMap((p) => p.accepted.map((a) => `${p.id}: \`${a.rule}\`: ${a.reason}`)) },
    ],
    warnings: result.warnings,
    files: result.files.map((f) => ({ path: f.path })),
  });
}
