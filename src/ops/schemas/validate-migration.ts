/** validate-migration's input and output: declared apart from the op, so listing the tools loads no engine. */
import { z } from 'zod';
import { dialectInput, scratchUrlInput, sourceInput } from '../common.js';
import { validationOutput } from './validation.js';

export const validateMigrationInput = z.object({
  from: sourceInput('current'),
  up: z.string().min(1).describe('The up migration: a .sql file, or the SQL itself'),
  down: z.string().min(1).describe('The down migration: a .sql file, or the SQL itself'),
  dialect: dialectInput,
  to: sourceInput('expected').optional().describe('The schema up must produce; without it, up and down are only checked to apply and return to from'),
  databaseUrl: scratchUrlInput.describe('A server to create the scratch database on (a fresh database, dropped afterwards): PostgreSQL (PGlite otherwise) or MySQL/MariaDB; SQLite runs in memory'),
  sampleRows: z.number().int().min(0).max(100).default(3).describe('Rows per table inserted before up (0: none)'),
});
export type ValidateMigrationInput = z.input<typeof validateMigrationInput>;
export const validateMigrationOutput = validationOutput;
export type ValidateMigrationOutput = z.infer<typeof validateMigrationOutput>;
