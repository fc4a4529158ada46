import type { Node } from 'libpg-query';
import { UserError, locate } from '../../core/errors.js';
import { lazyRequire } from '../../core/lazy-require.js';
import { statementChunks, type SqlChunk } from './chunks.js';

/** The parser package itself; loaded by loadPostgresParser, which every reader awaits first. */
export const libpgQuery = lazyRequire<typeof import('libpg-query')>('libpg-query');

/** One top-level statement of a migration file, as the PostgreSQL parser split it. */
export interface Statement {
  readonly index: number;
  /** The parsed statement: a one-key object such as `{ AlterTableStmt: {...} }`. */
  readonly node: Node;
  /** Source text from the first token to the end of the statement, without the semicolon. */
  readonly text: string;
  /** Offsets into the whole input, in JS string units (UTF-16). */
  readonly start: number;
  readonly end: number;
}


let loading: Promise<void> | undefined;
let loaded = false;

/** Loads the WASM parser once; the synchronous functions below need it. */
export async function loadPostgresParser(): Promise<void> {
  loading ??= libpgQuery().loadModule().then(() => {
    loaded = true;
  });
  return loading;
}

export interface Comment {
  /** Offsets in JS string units. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface ParsedSql {
  readonly statements: readonly Statement[];
  readonly comments: readonly Comment[];
  /** Converts a parser byte offset into a JS string offset. */
  readonly toOffset: (byteOffset: number) => number;
}

/**
 * The PostgreSQL parser (libpg-query) front end every reader of PostgreSQL SQL shares: statements
 * with their text and offsets, comments, and syntax errors located at file:line:column.
 */

/**
 * Text longer than this (UTF-8 bytes) is parsed a chunk of statements at a time: the WASM parser's
 * heap grows with its input and is never given back, and a 5 MB file parsed whole peaked near 600 MB.
 */
export const PARSE_CHUNK_BYTES = 256 * 1024;

/** Splits and parses SQL; a syntax error becomes a located `SYNTAX_ERROR`. */
export function parseMigration(sql: string, file?: string, chunkBytes = PARSE_CHUNK_BYTES): ParsedSql {
  if (!loaded) throw new Error('The PostgreSQL parser is not loaded: await loadPostgresParser() first');
  const toOffset = byteToCharMapper(sql);
  if (Buffer.byteLength(sql, 'utf8') > chunkBytes) {
    const chunks = statementChunks(sql, chunkBytes);
    const parsed = chunks.length > 1 ? parseChunks(sql, chunks, toOffset) : undefined;
    if (parsed) return parsed;
  }
  const raw = parseOrThrow(sql, file);
  // libpg-query refuses to scan an empty string; with no statement there is nothing to place.
  if (raw.length === 0) return { statements: [], comments: [], toOffset };
  const statements: Statement[] = [];
  const comments: Comment[] = [];
  placeStatements(sql, { text: sql, offset: 0 }, 0, raw, toOffset, statements, comments);
  return { statements, comments, toOffset };
}

type RawStatements = NonNullable<ReturnType<ReturnType<typeof libpgQuery>['parseSync']>['stmts']>;

/**
 * Parses chunk by chunk; each chunk starts where the parser's state is its first, so statements,
 * texts and offsets are those of the whole. Undefined when a chunk does not parse: the whole text
 * is then parsed, so a syntax error is reported exactly as before (or the split was wrong).
 */
function parseChunks(sql: string, chunks: readonly SqlChunk[], toOffset: (byteOffset: number) => number): ParsedSql | undefined {
  const statements: Statement[] = [];
  const comments: Comment[] = [];
  let rawCount = 0;
  let byteOffset = 0;
  for (const chunk of chunks) {
    // The parser leaves out offsets that are 0; starting at the semicolon before the chunk keeps
    // every token of it off 0, so each node's offsets are there to be moved into the whole text.
    const input = chunk.offset > 0 && sql[chunk.offset - 1] === ';' ? { text: `;${chunk.text}`, offset: chunk.offset - 1 } : chunk;
    const base = input === chunk ? byteOffset : byteOffset - 1;
    let raw: RawStatements;
    try {
      raw = libpgQuery().parseSync(input.text).stmts ?? [];
    } catch {
      return undefined;
    }
    rawCount += raw.length;
    if (base > 0) for (const rawStmt of raw) if (rawStmt.stmt) shiftLocations(rawStmt.stmt, base);
    placeStatements(sql, input, base, raw, toOffset, statements, comments);
    byteOffset += Buffer.byteLength(chunk.text, 'utf8');
  }
  // As for the whole text: with no statement, comments are not reported.
  return { statements, comments: rawCount === 0 ? [] : comments, toOffset };
}

/** The node fields that hold a byte offset into the parsed text (-1: unknown). */
const LOCATION_KEYS = new Set(['location', 'name_location', 'list_start', 'list_end', 'rexpr_list_start', 'rexpr_list_end', 'stmt_location']);

/** Moves a chunk's node offsets into the whole text, so nodes are what parsing the whole gives. */
function shiftLocations(value: unknown, base: number): void {
  if (Array.isArray(value)) {
    for (const item of value) shiftLocations(item, base);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const field = record[key];
      if (typeof field === 'number') {
        if (field >= 0 && LOCATION_KEYS.has(key)) record[key] = field + base;
      } else if (typeof field === 'object') {
        shiftLocations(field, base);
      }
    }
  }
}

/** Adds a chunk's statements and comments, with offsets into the whole text. */
function placeStatements(
  sql: string,
  chunk: SqlChunk,
  byteOffset: number,
  raw: RawStatements,
  toOffset: (byteOffset: number) => number,
  statements: Statement[],
  comments: Comment[],
): void {
  const tokens = libpgQuery().scanSync(chunk.text).tokens;
  const codeTokenStarts: number[] = [];
  for (const token of tokens) {
    if (token.tokenName === 'SQL_COMMENT' || token.tokenName === 'C_COMMENT') {
      comments.push({ start: toOffset(byteOffset + token.start), end: toOffset(byteOffset + token.end), text: token.text });
    } else {
      codeTokenStarts.push(token.start);
    }
  }
  const byteLength = Buffer.byteLength(chunk.text, 'utf8');
  for (const rawStmt of raw) {
    if (!rawStmt.stmt) continue;
    const location = rawStmt.stmt_location ?? 0;
    const byteEnd = rawStmt.stmt_len ? location + rawStmt.stmt_len : byteLength;
    // The parser's range may begin with whitespace and comments; a finding points at the first token.
    const next = codeTokenStarts[firstAtOrAfter(codeTokenStarts, location)];
    const firstToken = next !== undefined && next < byteEnd ? next : location;
    const start = toOffset(byteOffset + firstToken);
    const end = toOffset(byteOffset + byteEnd);
    const text = sql.slice(start, end).replace(/[\s;]+$/u, '');
    statements.push({ index: statements.length, node: rawStmt.stmt as Node, text, start, end: start + text.length });
  }
}

/** Index of the first of the ascending `starts` at or after `offset` (a scan from the start made parsing quadratic). */
function firstAtOrAfter(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function parseOrThrow(sql: string, file?: string) {
  if (sql.trim() === '') return [];
  try {
    return libpgQuery().parseSync(sql).stmts ?? [];
  } catch (error) {
    if (!libpgQuery().hasSqlDetails(error) || !error.sqlDetails) throw error;
    const offset = codePointToCharOffset(sql, error.sqlDetails.cursorPosition);
    const location = locate(sql, offset, file);
    throw new UserError('SYNTAX_ERROR', error.sqlDetails.message, {
      location,
      cause: error,
    });
  }
}

/** libpg-query reports a 0-based code-point position; JS strings count UTF-16 units. */
function codePointToCharOffset(sql: string, codePoints: number): number {
  let offset = 0;
  for (let seen = 0; seen < codePoints && offset < sql.length; seen++) {
    offset += (sql.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  }
  return offset;
}

/** The parser counts UTF-8 bytes; build the byte → UTF-16 table once per input. */
function byteToCharMapper(sql: string): (byteOffset: number) => number {
  const bytes = Buffer.byteLength(sql, 'utf8');
  if (bytes === sql.length) return (byteOffset) => Math.max(0, Math.min(byteOffset, sql.length));
  const table = new Uint32Array(bytes + 1);
  let byte = 0;
  for (let i = 0; i < sql.length; i++) {
    const code = sql.codePointAt(i) ?? 0;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < width; k++) table[byte + k] = i;
    byte += width;
    if (code > 0xffff) i++;
  }
  table[bytes] = sql.length;
  return (byteOffset) => table[Math.max(0, Math.min(byteOffset, bytes))] ?? sql.length;
}
