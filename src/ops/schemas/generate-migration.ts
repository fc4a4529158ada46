/** generate-migration's input and output: declared apart from the op, so listing the tools loads no engine. */
import { z } from 'zod';
import { dataMigrationIntent } from '../../data-migration/intent-schema.js';
import { FORMAT_IDS } from '../../emit/registry.js';
import { dialectInput, renamesInput, scratchUrlInput, sourceInput, warningOutput } from '../common.js';
import { dataMigrationOutput } from './data-migration.js';
import { validationOutput } from './validation.js';

export const generateMigrationInput = z.object({
  from: sourceInput('current'),
  to: sourceInput('desired'),
  dialect: dialectInput,
  format: z.enum(FORMAT_IDS).default('sql').describe('Output format: sql (plain up/down files) or a framework\'s own migration files'),
  name: z.string().min(1).optional().describe('Migration name (slugged); derived from the first change when absent'),
  out: z.string().min(1).optional().describe('Folder to write the files into; nothing is written without it'),
  timestamp: z.string().optional().describe('File prefix: digits or an ISO date ("now" reads the clock); a sequence number after the folder\'s files otherwise'),
  renames: renamesInput,
  allowDataLoss: z.boolean().default(false).describe('Emit and write a migration that drops or narrows data'),
  concurrently: z.boolean().default(false).describe('Build indexes on existing tables with CREATE INDEX CONCURRENTLY, outside the transaction'),
  validate: z.boolean().default(false).describe('Prove up and down on a scratch database: PGlite or scratchUrl (PostgreSQL), a scratch database on scratchUrl (MySQL/MariaDB), in memory (SQLite)'),
  sampleRows: z.number().int().min(0).max(100).default(3).describe('Rows per table inserted before validating (0: none)'),
  strict: z.boolean().default(false),
  scratchUrl: scratchUrlInput,
  dataMigration: dataMigrationIntent
    .optional()
    .describe('A data migration to go with the schema change (backfill, split, merge, convert, move, expression): returned as its own batched, checked, reversible up and down'),
});
export type GenerateMigrationInput = z.input<typeof generateMigrationInput>;

export const generateMigrationOutput = z.object({
  up: z.string(),
  down: z.string(),
  changes: z.array(z.object({ kind: z.string(), object: z.string(), summary: z.string(), dataLoss: z.boolean() })),
  warnings: z.array(warningOutput),
  files: z.array(z.object({ path: z.string(), content: z.string() })),
  written: z.array(z.string()),
  plan: z.object({
    steps: z.number(),
    reversible: z.boolean(),
    transactional: z.boolean(),
    destructive: z.boolean(),
    details: z.array(z.object({ description: z.string(), transactional: z.boolean(), hazards: z.array(z.string()), sql: z.array(z.string()) })),
  }),
  validation: validationOutput.optional(),
  dataMigration: dataMigrationOutput.omit({ written: true }).optional(),
});
export type GenerateMigrationOutput = z.infer<typeof generateMigrationOutput>;
