/** What a validation reports, shared by generate-migration and validate-migration. */
import { z } from 'zod';

export const validationOutput = z.object({
  ok: z.boolean(),
  engine: z.enum(['pglite', 'server', 'mysql', 'sqlite']),
  steps: z.array(z.object({ name: z.string(), ok: z.boolean(), error: z.string().optional(), differences: z.array(z.string()).optional() })),
  sampleRows: z.object({ filled: z.array(z.string()), skipped: z.array(z.object({ table: z.string(), reason: z.string() })) }).optional(),
  rows: z.array(z.object({ table: z.string(), before: z.number(), afterUp: z.number().optional(), afterDown: z.number().optional() })),
});
