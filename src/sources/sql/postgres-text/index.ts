/**
 * PostgreSQL DDL → Schema without a database: the statements are parsed by PostgreSQL's own parser
 * and their effect on the catalog is derived from the text, giving the model the database would
 * report (generated names, normalised types, defaults and constraint text, dependencies). Only the
 * statement and expression shapes it models exactly are read this way; for anything else it says
 * why and the caller applies the text to a scratch database instead.
 */
import type { Schema } from '../../../core/model.js';
import { statementChunks } from '../../../dialects/postgres/chunks.js';
import { PARSE_CHUNK_BYTES, libpgQuery, loadPostgresParser } from '../../../dialects/postgres/parser.js';
import { NeedsDatabase } from './fallback.js';
import { TextCatalog } from './state.js';
import { HANDLERS } from './statements.js';

export interface TextSource {
  readonly file?: string;
  readonly text: string;
}

export type TextReading = { readonly schema: Schema } | { readonly needsDatabase: string };

export async function readPostgresText(sources: readonly TextSource[]): Promise<TextReading> {
  await loadPostgresParser();
  const catalog = new TextCatalog();
  try {
    for (const source of sources) {
      if (source.text.trim() === '') continue;
      for (const raw of parseStatements(source.text)) {
        const node = raw.stmt as Record<string, any> | undefined;
        if (!node) continue;
        const kind = Object.keys(node)[0] as string;
        const handler = HANDLERS[kind];
        if (!handler) return { needsDatabase: `statement ${kind}` };
        handler(catalog, node[kind]);
      }
    }
    return { schema: catalog.toSchema() };
  } catch (error) {
    if (error instanceof NeedsDatabase) return { needsDatabase: error.reason };
    throw error;
  }
}

/**
 * Statements a chunk at a time, so the parse trees of a large file are never all in memory at once.
 * A syntax error is reported by the database path, which locates it in the file.
 */
function* parseStatements(text: string): Generator<{ stmt?: unknown }> {
  for (const chunk of statementChunks(text, PARSE_CHUNK_BYTES)) {
    let stmts: { stmt?: unknown }[];
    try {
      stmts = libpgQuery().parseSync(chunk.text).stmts ?? [];
    } catch {
      throw new NeedsDatabase('a syntax error, to be reported with its location');
    }
    yield* stmts;
  }
}
