/** data-migration's input and output: declared apart from the op and its SQL builders. */
import { z } from 'zod';
import { dataMigrationIntent } from '../../data-migration/intent-schema.js';

export const dataMigrationInput = z.object({
  migration: dataMigrationIntent,
  name: z.string().min(1).optional().describe('File name part (slugged); from the intent when absent'),
  out: z.string().min(1).optional().describe('Folder to write the up and down files into; nothing is written without it'),
});
export type DataMigrationInput = z.input<typeof dataMigrationInput>;

export const dataMigrationOutput = z.object({
  description: z.string(),
  up: z.string(),
  down: z.string(),
  checks: z.array(z.string()),
  backups: z.array(z.string()),
  notes: z.array(z.string()),
  written: z.array(z.string()),
});
export type DataMigrationOutput = z.infer<typeof dataMigrationOutput>;
