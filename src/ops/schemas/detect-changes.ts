/** detect-changes' input and output: declared apart from the op, so listing the tools loads no engine. */
import { z } from 'zod';
import { dialectInput, renamesInput, scratchUrlInput, sourceInput, warningOutput } from '../common.js';

export const detectChangesInput = z.object({
  from: sourceInput('current'),
  to: sourceInput('desired'),
  dialect: dialectInput,
  renames: renamesInput,
  strict: z.boolean().default(false).describe('Refuse to answer while a source holds objects the model does not represent'),
  diagram: z.boolean().default(false).describe('Add a Mermaid erDiagram of the tables the changes touch'),
  scratchUrl: scratchUrlInput,
});
export type DetectChangesInput = z.input<typeof detectChangesInput>;

const changeOutput = z.looseObject({ kind: z.string(), object: z.string(), summary: z.string(), dataLoss: z.boolean() });
const unsupportedOutput = z.object({
  kind: z.string(),
  name: z.string().optional(),
  detail: z.string(),
  side: z.enum(['from', 'to']),
  location: z.object({ file: z.string().optional(), line: z.number(), column: z.number() }).optional(),
});

export const detectChangesOutput = z.object({
  changes: z.array(changeOutput),
  possibleRenames: z.array(
    z.object({
      kind: z.enum(['table', 'column']),
      table: z.string().optional(),
      from: z.string(),
      to: z.string(),
      confidence: z.number(),
      evidence: z.array(z.string()),
      hint: z.string(),
    }),
  ),
  warnings: z.array(warningOutput),
  unsupported: z.array(unsupportedOutput),
  summary: z.object({ added: z.number(), removed: z.number(), changed: z.number(), dataLoss: z.number() }),
  diagram: z.string().optional(),
});
export type DetectChangesOutput = z.infer<typeof detectChangesOutput>;
