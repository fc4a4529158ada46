/**
 * Loads the two sides of a comparison. Two PostgreSQL SQL sources are first read as text, without a
 * database (postgres-text/): when both read cleanly the pair is done in milliseconds. If either
 * holds something the text reader does not model, both sides go through the scratch database, so
 * the two models always come from the same reader and compare like with like.
 */
import type { Schema } from '../core/model.js';
import { isInlinePrisma, liveDialect, loadSchema, loadSqlTexts, readSqlSource, type LoadOptions } from './resolve.js';
import { readPostgresText } from './sql/postgres-text/index.js';

export interface SchemaPair {
  readonly from: Schema;
  readonly to: Schema;
  /** `text` when both sides were read without a database. */
  readonly reader: 'text' | 'database';
}

/** Set to `database` to always load PostgreSQL SQL through a scratch database. */
export const READER_ENV = 'MIGRATION_GENERATOR_PG_READER';

export async function loadSchemaPair(from: string, to: string, options: LoadOptions): Promise<SchemaPair> {
  if (!textReaderApplies(from, options) || !textReaderApplies(to, options)) {
    return { from: await loadSchema(from, options), to: await loadSchema(to, options), reader: 'database' };
  }
  const fromTexts = await readSqlSource(from, options);
  const toTexts = await readSqlSource(to, options);
  const [fromText, toText] = [await readPostgresText(fromTexts), await readPostgresText(toTexts)];
  if ('schema' in fromText && 'schema' in toText) return { from: fromText.schema, to: toText.schema, reader: 'text' };
  return { from: await loadSqlTexts(fromTexts, options), to: await loadSqlTexts(toTexts, options), reader: 'database' };
}

/** PostgreSQL SQL text (file, folder, inline, stdin), with the embedded database as the reference. */
function textReaderApplies(source: string, options: LoadOptions): boolean {
  if (options.dialect !== 'postgres' || options.scratchUrl || process.env[READER_ENV] === 'database') return false;
  return !liveDialect(source) && !/\.prisma$/i.test(source) && !isInlinePrisma(source);
}
