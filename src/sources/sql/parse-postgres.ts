/**
 * Splits PostgreSQL SQL into statements with the real parser (libpg-query), keeping where each one
 * starts so errors from later stages can point at file, line and column.
 */
import { loadModule, parseSync } from 'libpg-query';
import { UserError, locate } from '../../core/errors.js';

export interface ParsedStatement {
  /** The statement's text, without the trailing semicolon. */
  readonly text: string;
  /** Character offset of the statement in the source text. */
  readonly offset: number;
  /** The parser's node: `{ CreateStmt: {...} }` and so on. */
  readonly node: Record<string, any>;
  readonly kind: string;
}

let loaded: Promise<void> | undefined;

export function loadPostgresParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

export async function parsePostgres(text: string, file?: string): Promise<ParsedStatement[]> {
  await loadPostgresParser();
  return parsePostgresSync(text, file);
}

/** Requires `loadPostgresParser()` to have resolved. */
export function parsePostgresSync(text: string, file?: string): ParsedStatement[] {
  if (leadingTrivia(text) === text.length) return [];
  let result: { stmts?: { stmt?: Record<string, any>; stmt_location?: number; stmt_len?: number }[] };
  try {
    result = parseSync(text) as typeof result;
  } catch (error) {
    throw syntaxError(error, text, file);
  }
  const bytes = Buffer.from(text, 'utf8');
  const asciiOnly = bytes.length === text.length;
  const toChars = (byteOffset: number) => (asciiOnly ? byteOffset : bytes.subarray(0, byteOffset).toString('utf8').length);
  const statements: ParsedStatement[] = [];
  for (const raw of result.stmts ?? []) {
    if (!raw.stmt) continue;
    const startByte = raw.stmt_location ?? 0;
    const endByte = raw.stmt_len ? startByte + raw.stmt_len : bytes.length;
    const start = toChars(startByte);
    const slice = text.slice(start, toChars(endByte));
    // stmt_location points just after the previous semicolon: skip leading blanks and comments.
    const lead = leadingTrivia(slice);
    statements.push({
      text: slice.slice(lead).replace(/;\s*$/, '').trimEnd(),
      offset: start + lead,
      node: raw.stmt,
      kind: Object.keys(raw.stmt)[0] ?? 'Unknown',
    });
  }
  return statements;
}

function syntaxError(error: unknown, text: string, file?: string): UserError {
  const details = (error as { sqlDetails?: { cursorPosition?: number; message?: string } }).sqlDetails;
  const message = details?.message ?? (error instanceof Error ? error.message : String(error));
  const cursor = details?.cursorPosition;
  // cursorPosition is a 0-based byte offset into the text.
  const charOffset = cursor === undefined ? text.length : Buffer.from(text, 'utf8').subarray(0, cursor).toString('utf8').length;
  return new UserError('SYNTAX_ERROR', message, { location: locate(text, charOffset, file) });
}

/** Length of the whitespace and comments before a statement's first token. */
export function leadingTrivia(text: string): number {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (text.startsWith('--', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      return i;
    }
  }
}

/** Visits every object node in a parse tree. */
export function walkNodes(node: unknown, visit: (key: string, value: Record<string, any>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walkNodes(item, visit);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) visit(key, value as Record<string, any>);
      walkNodes(value, visit);
    }
  }
}
