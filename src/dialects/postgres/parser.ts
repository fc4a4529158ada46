import type { Node } from 'libpg-query';
import { lazyRequire } from '../../core/lazy-require.js';

/** The parser package itself; loaded by loadPostgresParser, which every reader awaits first. */
export const libpgQuery = lazyRequire<typeof import('libpg-query')>('libpg-query');
import { UserError, locate } from '../../core/errors.js';

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

/** Splits and parses SQL; a syntax error becomes a located `SYNTAX_ERROR`. */
export function parseMigration(sql: string, file?: string): ParsedSql {
  if (!loaded) throw new Error('The PostgreSQL parser is not loaded: await loadPostgresParser() first');
  const raw = parseOrThrow(sql, file);
  const toOffset = byteToCharMapper(sql);
  // libpg-query refuses to scan an empty string; with no statement there is nothing to place.
  if (raw.length === 0) return { statements: [], comments: [], toOffset };
  const tokens = libpgQuery().scanSync(sql).tokens;
  const comments: Comment[] = [];
  const codeTokenStarts: number[] = [];
  for (const token of tokens) {
    if (token.tokenName === 'SQL_COMMENT' || token.tokenName === 'C_COMMENT') {
      comments.push({ start: toOffset(token.start), end: toOffset(token.end), text: token.text });
    } else {
      codeTokenStarts.push(token.start);
    }
  }
  const byteLength = Buffer.byteLength(sql, 'utf8');
  const statements: Statement[] = [];
  for (const rawStmt of raw) {
    if (!rawStmt.stmt) continue;
    const location = rawStmt.stmt_location ?? 0;
    const byteEnd = rawStmt.stmt_len ? location + rawStmt.stmt_len : byteLength;
    // The parser's range may begin with whitespace and comments; a finding points at the first token.
    const next = codeTokenStarts[firstAtOrAfter(codeTokenStarts, location)];
    const firstToken = next !== undefined && next < byteEnd ? next : location;
    const start = toOffset(firstToken);
    const end = toOffset(byteEnd);
    const text = sql.slice(start, end).replace(/[\s;]+$/u, '');
    statements.push({ index: statements.length, node: rawStmt.stmt as Node, text, start, end: start + text.length });
  }
  return { statements, comments, toOffset };
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
