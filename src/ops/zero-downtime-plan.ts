/**
 * zero-downtime-plan: two schemas → ordered phases (expand, backfill, validate, contract), each its own
 * migration with lock_timeout, a retry note and the application deploys that must happen before it.
 * Every phase is linted with lint-migration; the only error findings left are the ones its SQL
 * accepts with a reason in a disable comment.
 */
import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { postgresPlanDialect } from '../dialects/postgres/render/index.js';
import { describeChange } from '../diff/describe.js';
import { diffSchemas } from '../diff/diff.js';
import type { EmittedFile } from '../emit/emitter.js';
import { slugify } from '../emit/naming.js';
import { writeFiles } from '../emit/write-files.js';
import { lintSql, loadPostgresParser } from '../lint/lint.js';
import { PHASE_IDS, type ZdtPhase } from '../plan/zero-downtime/types.js';
import { renderFile } from '../plan/zero-downtime/phases.js';
import { planZeroDowntime } from '../plan/zero-downtime/plan-zero-downtime.js';
import { dialectInput, parseRenameHints, renamesInput, scratchUrlInput, sourceInput, warningOutput, type OpContext, type Warning } from './common.js';
import { loadPair } from './detect-changes.js';
import { filePrefix, type GenerateContext } from './generate-migration.js';

export const zeroDowntimePlanInput = z.object({
  from: sourceInput('current'),
  to: sourceInput('desired'),
  dialect: dialectInput,
  renames: renamesInput,
  name: z.string().min(1).optional().describe('Migration name (slugged); derived from the first change when absent'),
  out: z.string().min(1).optional().describe('Folder to write one up (and down) file per phase into; nothing is written without it'),
  timestamp: z.string().optional().describe('File prefix: digits or an ISO date ("now" reads the clock); a sequence number after the folder\'s files otherwise'),
  lockTimeout: z.string().regex(/^\d+(ms|s|min)?$/).default('2s').describe('lock_timeout of every phase: a statement that waits longer for its lock fails (retry the phase) instead of queueing traffic behind it'),
  batchSize: z.number().int().min(1).max(1_000_000).default(1000).describe('Rows per backfill batch; each batch commits on its own'),
  strict: z.boolean().default(false),
  scratchUrl: scratchUrlInput,
});
export type ZeroDowntimePlanInput = z.input<typeof zeroDowntimePlanInput>;

const phaseOutput = z.object({
  id: z.enum(PHASE_IDS),
  kind: z.enum(['expand', 'backfill', 'validate', 'contract']),
  title: z.string(),
  transactional: z.boolean(),
  before: z.array(z.string()).describe('Application deploys that must be live before this phase runs'),
  up: z.string(),
  down: z.string().optional(),
  statements: z.array(z.string()).describe('The up file, one statement each, in order: run them one at a time'),
  downStatements: z.array(z.string()),
  accepted: z.array(z.object({ rule: z.string(), reason: z.string() })),
  retry: z.string(),
  steps: z.array(z.string()),
  lint: z.object({ errors: z.number(), warnings: z.number(), infos: z.number(), rules: z.array(z.string()) }),
});

export const zeroDowntimePlanOutput = z.object({
  phases: z.array(phaseOutput),
  rollout: z.array(z.string()).describe('The whole rollout in order: phases and deploys'),
  changes: z.array(z.object({ kind: z.string(), object: z.string(), summary: z.string() })),
  warnings: z.array(warningOutput),
  files: z.array(z.object({ path: z.string(), content: z.string() })),
  written: z.array(z.string()),
});
export type ZeroDowntimePlanOutput = z.infer<typeof zeroDowntimePlanOutput>;

export async function zeroDowntimePlan(raw: ZeroDowntimePlanInput, context: GenerateContext & OpContext = {}): Promise<ZeroDowntimePlanOutput> {
  const input = zeroDowntimePlanInput.parse(raw);
  if (input.dialect !== 'postgres') throw new UserError('UNSUPPORTED', `zero-downtime plans are for PostgreSQL; ${input.dialect} is not supported`, { hint: 'use --dialect postgres' });
  const { from, to } = await loadPair({ ...input, diagram: false }, context);
  const { changes, possibleRenames } = diffSchemas(from, to, { renames: parseRenameHints(input.renames) });
  await loadPostgresParser();
  const plan = planZeroDowntime({ changes, from, to, dialect: postgresPlanDialect, options: { lockTimeout: input.lockTimeout, batchSize: input.batchSize } });
  const name = slugify(input.name ?? (changes[0] ? describeChange(changes[0]).summary : 'no_changes'));
  const prefix = await filePrefix(input.timestamp, input.out, context);
  const phases = plan.phases.map((phase, i) => renderPhase(phase, i + 1, plan.phases.length, name));
  const files: EmittedFile[] = phases.flatMap((p, i) => {
    const base = `${prefix}_${name}_${String(i + 1).padStart(2, '0')}_${p.id}`;
    return [{ path: `${base}.up.sql`, content: p.up }, ...(p.down !== undefined ? [{ path: `${base}.down.sql`, content: p.down }] : [])];
  });
  const warnings: Warning[] = [
    ...plan.warnings.map((w) => ({ ...w })),
    ...phases.filter((p) => p.lint.errors > 0).map((p) => ({ code: 'LINT_ERROR', severity: 'error' as const, object: p.id, message: `lint-migration reports ${p.lint.errors} error(s) in phase ${p.id} (${p.lint.rules.join(', ')})` })),
    ...possibleRenames.map((r) => ({ code: 'POSSIBLE_RENAME', severity: 'warning' as const, message: `${r.from} → ${r.to} looks like a rename; pass --rename ${r.hint} to keep the data`, object: r.from })),
    ...[...from.unsupported, ...to.unsupported].map((u) => ({ code: 'UNSUPPORTED_OBJECT', severity: 'warning' as const, message: u.detail, object: u.name })),
  ];
  const written = input.out ? await writeFiles(input.out, files) : [];
  return {
    phases,
    rollout: rollout(phases, plan.after),
    changes: changes.map((c) => ({ kind: c.kind, ...describeChange(c) })),
    warnings,
    files,
    written,
  };
}

type PhaseOutput = z.infer<typeof phaseOutput>;

function renderPhase(phase: ZdtPhase, index: number, count: number, name: string): PhaseOutput {
  const header = [
    `Zero-downtime migration ${name}, phase ${index} of ${count}: ${phase.id}, generated by migration-generator.`,
    phase.title,
    ...phase.descriptions.map((d) => `  - ${d}`),
    ...(phase.before.length ? ['Before running it, these must be deployed:', ...phase.before.map((d) => `  * ${d}`)] : []),
    `${phase.transactional ? 'Runs in one transaction.' : 'Runs outside a transaction, statement by statement (psql, or a runner with its transaction wrapper off).'}`,
    `Retry: ${phase.retry}`,
  ];
  const up = renderFile(header, phase.up);
  const result = lintSql(up, { file: `${phase.id}.up.sql` });
  const errors = result.findings.filter((f) => f.severity === 'error');
  const hasDown = phase.down.length > 0;
  return {
    id: phase.id,
    kind: phase.kind,
    title: phase.title,
    transactional: phase.transactional,
    before: [...phase.before],
    up,
    ...(hasDown ? { down: renderFile([`Undo phase ${index} (${phase.id}) of ${name}.`], phase.down) } : {}),
    statements: [...phase.up],
    downStatements: [...phase.down],
    accepted: phase.accepted.map((a) => ({ ...a })),
    retry: phase.retry,
    steps: [...phase.descriptions],
    lint: {
      errors: errors.length,
      warnings: result.findings.filter((f) => f.severity === 'warning').length,
      infos: result.findings.filter((f) => f.severity === 'info').length,
      rules: [...new Set(errors.map((f) => f.rule))].sort(),
    },
  };
}

function rollout(phases: readonly PhaseOutput[], after: readonly string[]): string[] {
  const lines: string[] = [];
  for (const phase of phases) {
    for (const deploy of phase.before) lines.push(`deploy: ${deploy}`);
    lines.push(`migrate: phase ${phase.id} (${phase.title})`);
  }
  for (const deploy of after) lines.push(`deploy: ${deploy}`);
  return lines;
}
