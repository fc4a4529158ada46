/**
 * What a data-migration intent may say: the zod schema alone, so the MCP server and the CLI can
 * declare their inputs without loading the SQL builders behind them (src/data-migration/intents.ts).
 */
import { z } from 'zod';

const ident = z.string().min(1).max(63);
const common = {
  table: z.string().min(1).describe('Table, `name` or `schema.name`'),
  key: ident.default('id').describe('Key column the batches walk and backups match on (any ordered type)'),
  batchSize: z.number().int().min(1).max(1_000_000).default(1000).describe('Rows per batch'),
};

export const dataMigrationIntent = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('backfill'),
    ...common,
    column: ident,
    constant: z.string().optional().describe('A constant value (quoted for you)'),
    expression: z.string().optional().describe('A SQL expression over the row, e.g. lower(email)'),
    notNull: z.boolean().default(false).describe('Set NOT NULL once no NULL is left'),
  }),
  z.object({
    intent: z.literal('split'),
    ...common,
    column: ident,
    into: z.tuple([ident, ident]).describe('The two new text columns, e.g. [first_name, last_name]'),
    separator: z.string().min(1).default(' '),
    dropSource: z.boolean().default(false),
  }),
  z.object({
    intent: z.literal('merge'),
    ...common,
    columns: z.array(ident).min(2),
    into: ident,
    separator: z.string().default(' '),
    dropSources: z.boolean().default(false),
  }),
  z.object({
    intent: z.literal('convert'),
    ...common,
    column: ident,
    type: z.string().min(1).describe('The new type, e.g. bigint'),
    expression: z.string().min(1).describe('The new value from the row, e.g. round(price * 100)::bigint'),
    into: ident.optional().describe('A new column for the converted value; without it the column is converted in place'),
    inverse: z.string().optional().describe('The old value from the new one, for rows written after the up'),
    dropSource: z.boolean().default(false).describe('With into: drop the old column'),
  }),
  z.object({
    intent: z.literal('move'),
    ...common,
    column: ident,
    toTable: z.string().min(1),
    toKey: ident.describe('Column of toTable that holds the key of table'),
    dropSource: z.boolean().default(true),
  }),
  z.object({
    intent: z.literal('expression'),
    ...common,
    set: z.string().min(1).describe('SET list of an UPDATE, e.g. status = lower(status)'),
    where: z.string().optional().describe('Which rows, e.g. status IS NOT NULL'),
  }),
]);
export type DataMigrationIntent = z.output<typeof dataMigrationIntent>;
