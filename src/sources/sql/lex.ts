/**
 * A small SQL lexer for the dialects whose engines do not report statement positions (SQLite,
 * MySQL). It only has to know what can hide a semicolon or a keyword: quotes, comments, and each
 * dialect's spelling of them.
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'space' | 'comment';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Character offset in the source text. */
  readonly offset: number;
}

export interface LexOptions {
  /** MySQL: `#` starts a comment, `--` needs a following blank, strings take backslash escapes. */
  readonly mysql?: boolean;
}

// Longest first, so `->>` wins over `->`.
const OPERATORS = ['->>', '<=>', '<>', '<=', '>=', '!=', '==', '||', '<<', '>>', '->', ':=', '&&'];
const WORD_START = /[A-Za-z_\u0080-\uffff$@]/;
const WORD_PART = /[A-Za-z0-9_\u0080-\uffff$@]/;

export function lex(text: string, options: LexOptions = {}): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const end = tokenEnd(text, i, options);
    tokens.push({ kind: kindAt(text, i, options), text: text.slice(i, end), offset: i });
    i = end;
  }
  return tokens;
}

function kindAt(text: string, i: number, options: LexOptions): TokenKind {
  const c = text[i] as string;
  if (/\s/.test(c)) return 'space';
  if (isCommentStart(text, i, options)) return 'comment';
  if (c === "'") return 'string';
  if (c === '"') return options.mysql ? 'string' : 'quoted';
  if (c === '`' || (c === '[' && !options.mysql)) return 'quoted';
  if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) return 'number';
  if (WORD_START.test(c)) return 'word';
  return 'punct';
}

function isCommentStart(text: string, i: number, options: LexOptions): boolean {
  const two = text.slice(i, i + 2);
  if (two === '/*') return true;
  if (options.mysql && text[i] === '#') return true;
  if (two !== '--') return false;
  // MySQL reads `--` as a comment only when a blank (or the end) follows.
  return !options.mysql || i + 2 >= text.length || /\s/.test(text[i + 2] as string);
}

function tokenEnd(text: string, i: number, options: LexOptions): number {
  const c = text[i] as string;
  if (/\s/.test(c)) return skipWhile(text, i, (ch) => /\s/.test(ch));
  if (isCommentStart(text, i, options)) {
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      return close < 0 ? text.length : close + 2;
    }
    const newline = text.indexOf('\n', i);
    return newline < 0 ? text.length : newline;
  }
  if (c === "'" || c === '"' || c === '`') return quotedEnd(text, i, c, Boolean(options.mysql) && c !== '`');
  if (c === '[' && !options.mysql) {
    const close = text.indexOf(']', i + 1);
    return close < 0 ? text.length : close + 1;
  }
  if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) return numberEnd(text, i);
  if (WORD_START.test(c)) return skipWhile(text, i, (ch) => WORD_PART.test(ch));
  const operator = OPERATORS.find((op) => text.startsWith(op, i));
  return i + (operator?.length ?? 1);
}

/** A doubled quote stands for itself; MySQL strings also take backslash escapes. */
function quotedEnd(text: string, i: number, quote: string, backslash: boolean): number {
  let j = i + 1;
  while (j < text.length) {
    const ch = text[j];
    if (backslash && ch === '\\') {
      j += 2;
      continue;
    }
    if (ch === quote) {
      if (text[j + 1] === quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return text.length;
}

function numberEnd(text: string, i: number): number {
  if (/^0x/i.test(text.slice(i, i + 2))) return skipWhile(text, i + 2, (ch) => /[0-9a-f]/i.test(ch));
  let j = skipWhile(text, i, (ch) => /[0-9.]/.test(ch));
  if (/[eE]/.test(text[j] ?? '') && /[-+0-9]/.test(text[j + 1] ?? '')) j = skipWhile(text, j + 2, (ch) => /[0-9]/.test(ch));
  // `1abc` is one identifier in both dialects.
  return WORD_PART.test(text[j] ?? '') ? skipWhile(text, j, (ch) => WORD_PART.test(ch)) : j;
}

function skipWhile(text: string, i: number, ok: (ch: string) => boolean): number {
  let j = i;
  while (j < text.length && ok(text[j] as string)) j++;
  return j;
}

/** Tokens that carry meaning: no blanks, no comments. */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token !== undefined && token.kind === 'word' && words.includes(token.text.toUpperCase());
}

/** An identifier's name: quotes removed, doubled quotes undone. */
export function identName(token: Token): string {
  if (token.kind !== 'quoted' && !(token.kind === 'string' && token.text.startsWith('"'))) return token.text;
  const t = token.text;
  if (t.startsWith('[')) return t.slice(1, -1);
  const q = t[0] as string;
  return t.slice(1, -1).split(q + q).join(q);
}

/** A string literal's value (single quotes; MySQL backslash escapes when asked). */
export function stringValue(token: Token, backslash = false): string {
  const body = token.text.slice(1, -1);
  const q = token.text[0] as string;
  const undoubled = body.split(q + q).join(q);
  if (!backslash) return undoubled;
  return undoubled.replace(/\\(.)/g, (_m, ch: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0', Z: '\x1a', b: '\b' })[ch] ?? ch);
}

/** Index of the token closing the parenthesis opened at `open`. */
export function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** Splits a token list at commas outside parentheses. */
export function splitTopLevel(tokens: readonly Token[], separator = ','): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')') depth--;
    if (depth === 0 && t.kind === 'punct' && t.text === separator) parts.push([]);
    else (parts[parts.length - 1] as Token[]).push(t);
  }
  return parts.filter((p) => p.length > 0);
}

/**
 * One canonical spelling of a fragment of SQL: comments dropped, blanks collapsed, no blank inside
 * parentheses or before a comma, keywords in upper case. Two fragments that differ only in layout
 * compare equal.
 */
export function canonicalSql(tokens: readonly Token[], keywords: ReadonlySet<string>): string {
  let out = '';
  let previous: Token | undefined;
  for (const t of significant(tokens)) {
    const text = t.kind === 'word' && keywords.has(t.text.toUpperCase()) ? t.text.toUpperCase() : t.text;
    if (previous && needsSpace(previous, t)) out += ' ';
    out += text;
    previous = t;
  }
  return out;
}

function needsSpace(a: Token, b: Token): boolean {
  if (a.kind === 'punct' && (a.text === '(' || a.text === '.')) return false;
  if (b.kind === 'punct' && (b.text === ')' || b.text === ',' || b.text === '.' || b.text === ';')) return false;
  if (b.kind === 'punct' && b.text === '(') return a.kind === 'punct' && a.text !== ')';
  return true;
}
