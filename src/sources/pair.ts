/**
 * Loads the two sides of a comparison. Two PostgreSQL SQL sources are first read as text, without a
 * database (postgres-text/): when both read cleanly the pair is done in milliseconds. If either
 * holds something the text reader does not model, both sides go through the scratch database, so
 * the two models always come from the same reader and compare like with like.
 */
import type { Schema } from '../core/model.js';
import { cachedSchemaLoad, loadKey } from './load-cache.js';
import { isInlinePrisma, liveDialect, loadSchema, loadSqlTextsCached, readSqlSource, type LoadOptions } from './resolve.js';
import type { SqlText } from './sql/load-postgres-sql.js';
import { NeedsDatabase } from './sql/postgres-text/fallback.js';
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
  try {
    return { from: await readCached(fromTexts), to: await readCached(toTexts), reader: 'text' };
  } catch (error) {
    if (!(error instanceof NeedsDatabase)) throw error;
    return { from: await loadSqlTextsCached(fromTexts, options), to: await loadSqlTextsCached(toTexts, options), reader: 'database' };
  }
}

/** A text the reader declined is not cached (the failed load is dropped): it goes to the database. */
function readCached(texts: readonly SqlText[]): Promise<Schema> {
  return cachedSchemaLoad(loadKey({ loader: 'postgres-text', dialect: 'postgres', texts }), async () => {
    const reading = await readPostgresText(texts);
    if ('needsDatabase' in reading) throw new NeedsDatabase(reading.needsDatabase);
    return reading.schema;
  });
}

/** PostgreSQL SQL text (file, folder, inline, stdin), with the embedded database as the reference. */
function textReaderApplies(source: string, options: LoadOptions): boolean {
  if (options.dialect !== 'postgres' || options.scratchUrl || process.env[READER_ENV] === 'database') return false;
  return !liveDialect(source) && !/\.prisma$/i.test(source) && !isInlinePrisma(source);
}
