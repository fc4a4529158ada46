/**
 * Splits PostgreSQL text into chunks of whole statements, so a large file can be parsed a piece at a
 * time: the WASM parser's memory grows with the text it is given and never shrinks. A chunk ends
 * right after a semicolon that ends a statement, where PostgreSQL's lexer and grammar are back in
 * their first state; so each chunk parses as it would inside the whole text.
 *
 * The lexing here is PostgreSQL's as far as statement ends need: strings ('…', E'…' with backslash
 * escapes, continued across newlines), quoted identifiers, dollar-quoted bodies, nested block
 * comments, line comments, parentheses, and `BEGIN ATOMIC … END` bodies. Where it could be wrong it
 * errs towards fewer boundaries (a bigger chunk), and a boundary it got wrong leaves an unterminated
 * construct in a chunk, which the parser rejects: the caller then parses the whole text.
 */

export interface SqlChunk {
  readonly text: string;
  /** Where the chunk starts in the whole text, in JS string units (UTF-16). */
  readonly offset: number;
}

/**
 * Consecutive chunks covering all of `sql`, each at most `maxBytes` of UTF-8 unless a single
 * statement is larger. Concatenated, their texts are `sql`.
 */
export function statementChunks(sql: string, maxBytes: number): SqlChunk[] {
  const chunks: SqlChunk[] = [];
  let start = 0;
  let startBytes = 0;
  let last = 0;
  let lastBytes = 0;
  let bytes = 0;
  let counted = 0;
  const bytesAt = (index: number): number => {
    bytes += utf8Length(sql, counted, index);
    counted = index;
    return bytes;
  };
  for (const boundary of statementEnds(sql)) {
    const at = bytesAt(boundary);
    if (at - startBytes > maxBytes && last > start) {
      chunks.push({ text: sql.slice(start, last), offset: start });
      start = last;
      startBytes = lastBytes;
    }
    last = boundary;
    lastBytes = at;
  }
  const total = bytesAt(sql.length);
  if (total - startBytes > maxBytes && last > start && last < sql.length) {
    chunks.push({ text: sql.slice(start, last), offset: start });
    start = last;
  }
  if (start < sql.length || chunks.length === 0) chunks.push({ text: sql.slice(start), offset: start });
  return chunks;
}

function utf8Length(text: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 for each half.
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

const enum Char {
  Newline = 0x0a,
  Return = 0x0d,
  Quote = 0x27,
  DoubleQuote = 0x22,
  Dollar = 0x24,
  Dash = 0x2d,
  Slash = 0x2f,
  Star = 0x2a,
  Backslash = 0x5c,
  Semicolon = 0x3b,
  Open = 0x28,
  Close = 0x29,
}

function isIdentStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code >= 0x80;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isIdentPart(code: number): boolean {
  return isIdentStart(code) || isDigit(code) || code === Char.Dollar;
}

/** Offsets just after each semicolon that ends a top-level statement. */
export function statementEnds(sql: string): number[] {
  const ends: number[] = [];
  const n = sql.length;
  let depth = 0;
  // Inside `BEGIN ATOMIC … END`: semicolons there separate the body's statements. CASE … END nests.
  let atomic = false;
  let caseDepth = 0;
  let previousWord = '';
  let i = 0;
  while (i < n) {
    const code = sql.charCodeAt(i);
    const next = i + 1 < n ? sql.charCodeAt(i + 1) : -1;
    if (code === Char.Dash && next === Char.Dash) {
      i = lineCommentEnd(sql, i);
    } else if (code === Char.Slash && next === Char.Star) {
      i = blockCommentEnd(sql, i);
    } else if (code === Char.Quote) {
      i = stringEnd(sql, i, false);
    } else if (code === Char.DoubleQuote) {
      i = quotedEnd(sql, i + 1, '"');
      previousWord = '';
    } else if (code === Char.Dollar) {
      i = dollarEnd(sql, i);
    } else if (isIdentStart(code)) {
      let j = i + 1;
      while (j < n && isIdentPart(sql.charCodeAt(j))) j++;
      const word = sql.slice(i, j).toLowerCase();
      if (word === 'e' && j < n && sql.charCodeAt(j) === Char.Quote) {
        i = stringEnd(sql, j, true);
        continue;
      }
      if (atomic) {
        if (word === 'case') caseDepth++;
        else if (word === 'end') {
          if (caseDepth > 0) caseDepth--;
          else atomic = false;
        }
      } else if (word === 'atomic' && previousWord === 'begin') {
        atomic = true;
        caseDepth = 0;
      }
      previousWord = word;
      i = j;
    } else if (isDigit(code)) {
      // Numbers (and PostgreSQL's "trailing junk" after them) never hold a `$` or a quote.
      let j = i + 1;
      while (j < n && (isIdentStart(sql.charCodeAt(j)) || isDigit(sql.charCodeAt(j)) || sql.charCodeAt(j) === 0x2e)) j++;
      previousWord = '';
      i = j;
    } else {
      if (code === Char.Open) depth++;
      else if (code === Char.Close) depth = Math.max(0, depth - 1);
      else if (code === Char.Semicolon && depth === 0 && !atomic) ends.push(i + 1);
      if (code > 0x20) previousWord = '';
      i++;
    }
  }
  return ends;
}

function lineCommentEnd(sql: string, i: number): number {
  let j = i + 2;
  while (j < sql.length) {
    const code = sql.charCodeAt(j);
    if (code === Char.Newline || code === Char.Return) break;
    j++;
  }
  return j;
}

function blockCommentEnd(sql: string, i: number): number {
  let depth = 1;
  let j = i + 2;
  while (j < sql.length && depth > 0) {
    const code = sql.charCodeAt(j);
    const next = j + 1 < sql.length ? sql.charCodeAt(j + 1) : -1;
    if (code === Char.Slash && next === Char.Star) {
      depth++;
      j += 2;
    } else if (code === Char.Star && next === Char.Slash) {
      depth--;
      j += 2;
    } else {
      j++;
    }
  }
  return depth > 0 ? sql.length : j;
}

/** A "…" identifier: `""` is a quote inside it. */
function quotedEnd(sql: string, from: number, quote: string): number {
  let j = from;
  for (;;) {
    const close = sql.indexOf(quote, j);
    if (close < 0) return sql.length;
    if (sql[close + 1] === quote) {
      j = close + 2;
      continue;
    }
    return close + 1;
  }
}

/**
 * A '…' string starting at `i` (the quote). `''` is a quote inside it; in an E'…' string a backslash
 * escapes the next character. Strings separated only by whitespace holding a newline are one
 * literal in PostgreSQL, and an E string's continuation keeps backslash escapes.
 */
function stringEnd(sql: string, i: number, escapes: boolean): number {
  let j = i + 1;
  const n = sql.length;
  for (;;) {
    while (j < n) {
      const code = sql.charCodeAt(j);
      if (code === Char.Backslash && escapes) {
        j += 2;
      } else if (code === Char.Quote) {
        if (j + 1 < n && sql.charCodeAt(j + 1) === Char.Quote) j += 2;
        else break;
      } else {
        j++;
      }
    }
    if (j >= n) return n;
    const after = j + 1;
    if (!escapes) return after;
    const continued = continuation(sql, after);
    if (continued < 0) return after;
    j = continued + 1;
  }
}

/** PostgreSQL's quote continuation: white space holding a newline, then a quote (a comment between ends the literal). */
function continuation(sql: string, from: number): number {
  let j = from;
  const n = sql.length;
  let newline = false;
  while (j < n) {
    const code = sql.charCodeAt(j);
    if (code === Char.Newline || code === Char.Return) {
      newline = true;
      j++;
    } else if (code === 0x20 || code === 0x09 || code === 0x0c || (newline && code === 0x0b)) {
      j++;
    } else {
      break;
    }
  }
  return newline && j < n && sql.charCodeAt(j) === Char.Quote ? j : -1;
}

/** `$n` parameters, `$tag$ … $tag$` bodies; a lone `$` is an operator character. */
function dollarEnd(sql: string, i: number): number {
  const n = sql.length;
  let j = i + 1;
  if (j < n && isDigit(sql.charCodeAt(j))) {
    while (j < n && isDigit(sql.charCodeAt(j))) j++;
    return j;
  }
  if (j < n && isIdentStart(sql.charCodeAt(j))) {
    j++;
    while (j < n && (isIdentStart(sql.charCodeAt(j)) || isDigit(sql.charCodeAt(j)))) j++;
  }
  if (j >= n || sql.charCodeAt(j) !== Char.Dollar) return i + 1;
  const tag = sql.slice(i, j + 1);
  const close = sql.indexOf(tag, j + 1);
  return close < 0 ? n : close + tag.length;
}
