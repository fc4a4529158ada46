/** rollback's input and output: declared apart from the op, so listing the tools loads no engine. */
import { z } from 'zod';
import { scratchUrlInput, sourceInput, warningOutput } from '../common.js';

export const rollbackInput = z
  .object({
    migration: z.string().min(1).optional().describe('The up migration: a .sql file (goose/dbmate files give their up section)'),
    sql: z.string().min(1).optional().describe('The up migration as inline SQL, instead of a file'),
    from: sourceInput('before-the-migration').optional().describe('The schema before the migration (file, folder, inline SQL or database URL, read-only): makes the down exact'),
    folder: z.string().min(1).optional().describe('A migrations folder (.sql files in name order): roll back its last `last` migrations; earlier ones give the schema before'),
    last: z.number().int().min(1).max(1000).default(1).describe('With folder: how many migrations to roll back'),
    keepData: z.boolean().default(false).describe('Also write a data-keeping up: it copies what it drops into _mg_backup_* tables first, and the down restores from them (needs from or folder)'),
    verify: z.boolean().default(true).describe('Apply the down on the scratch database and check it restores the schema before (exact modes)'),
    scratchUrl: scratchUrlInput,
  })
  .refine((i) => [i.migration, i.sql, i.folder].filter(Boolean).length === 1, { message: 'give exactly one of migration, sql or folder' });
export type RollbackInput = z.input<typeof rollbackInput>;

const irreversibleItem = z.object({ file: z.string().optional(), line: z.number().int().optional(), statement: z.string(), reason: z.string() });

export const rollbackOutput = z.object({
  mode: z.enum(['exact', 'statements', 'folder']),
  down: z.string(),
  up: z.string().optional().describe('The data-keeping up (keepData), to run instead of the original'),
  irreversible: z.array(irreversibleItem),
  warnings: z.array(warningOutput),
  dataLoss: z.array(z.object({ object: z.string(), summary: z.string() })),
  kept: z.array(z.string()),
  migrations: z.array(z.string()),
  verified: z.object({ ok: z.boolean(), differences: z.array(z.string()) }).optional(),
});
export type RollbackOutput = z.infer<typeof rollbackOutput>;
