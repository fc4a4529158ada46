/** zero-downtime-plan's input and output: declared apart from the op, so listing the tools loads no engine. */
import { z } from 'zod';
import { PHASE_IDS } from '../../plan/zero-downtime/types.js';
import { dialectInput, renamesInput, scratchUrlInput, sourceInput, warningOutput } from '../common.js';

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
