import type { SourceLocation } from './model.js';

/**
 * Error codes a user can act on. Engine code throws `UserError`; the CLI prints one line and exits 2,
 * the MCP edge returns an `isError` result. Anything else is a bug and keeps its stack.
 */
export type UserErrorCode =
  | 'SYNTAX_ERROR'
  | 'SQL_ERROR'
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'CONNECTION_FAILED'
  | 'UNSUPPORTED'
  | 'FILE_EXISTS'
  | 'CANCELLED'
  | 'TIMEOUT';

export class UserError extends Error {
  readonly code: UserErrorCode;
  readonly location?: SourceLocation;
  readonly hint?: string;

  constructor(code: UserErrorCode, message: string, options: { location?: SourceLocation; hint?: string; cause?: unknown } = {}) {
    super(boundMessage(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
  }

  /** One line: `file:line:col: message (hint)`. */
  format(): string {
    const where = this.location ? `${formatLocation(this.location)}: ` : '';
    const hint = this.hint ? ` (${this.hint})` : '';
    return `${where}${this.message}${hint}`;
  }
}

const MAX_QUOTED = 120;
const MAX_MESSAGE = 4000;

/**
 * Parsers quote the token they stopped at, and a token may be megabytes long (one huge identifier,
 * an input that is not SQL at all): an error stays a line a person can read.
 */
function boundMessage(message: string): string {
  let bounded = message;
  if (message.length > MAX_QUOTED) {
    // By hand, not by regular expression: V8 runs out of stack matching a megabyte-long quoted token.
    const parts = message.split('"');
    bounded = parts.map((part, i) => (i % 2 === 1 && i < parts.length - 1 && part.length > MAX_QUOTED ? `${part.slice(0, MAX_QUOTED)}… (${part.length} characters)` : part)).join('"');
  }
  return bounded.length <= MAX_MESSAGE ? bounded : `${bounded.slice(0, MAX_MESSAGE)}… (${bounded.length - MAX_MESSAGE} more characters)`;
}

export function formatLocation(location: SourceLocation): string {
  return `${location.file ?? '<input>'}:${location.line}:${location.column}`;
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** Converts a 0-based character offset in `text` into a 1-based line and column. */
export function locate(text: string, offset: number, file?: string): SourceLocation {
  let line = 1;
  let lineStart = 0;
  const end = Math.max(0, Math.min(offset, text.length));
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, column: end - lineStart + 1 };
}
