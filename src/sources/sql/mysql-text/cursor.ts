/** A cursor over one statement's tokens, with the errors it raises pointing into the source. */
import { UserError, locate } from '../../../core/errors.js';
import { identName, isWord, matchingParen, stringValue, type Token } from '../lex.js';
import type { SqlText } from '../load-postgres-sql.js';

export class Cursor {
  i = 0;
  constructor(
    readonly tokens: readonly Token[],
    readonly source: SqlText,
  ) {}

  get done(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  is(...words: string[]): boolean {
    return isWord(this.peek(), ...words);
  }

  isPunct(text: string): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === 'punct' && t.text === text;
  }

  /** Consumes the words if they come next, in order. */
  accept(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) if (!isWord(this.peek(k), words[k] as string)) return false;
    this.i += words.length;
    return true;
  }

  acceptPunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.i++;
    return true;
  }

  expect(...words: string[]): void {
    if (!this.accept(...words)) throw this.error(`expected ${words.join(' ')}`);
  }

  expectPunct(text: string): void {
    if (!this.acceptPunct(text)) throw this.error(`expected "${text}"`);
  }

  next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw this.error('unexpected end of statement');
    return t;
  }

  name(): string {
    const t = this.next();
    if (t.kind !== 'word' && t.kind !== 'quoted') throw this.error(`expected a name, found ${t.text}`, t);
    return identName(t);
  }

  /** `db.name` or `name`: the database part is dropped (objects live in the loaded database). */
  qualifiedName(): string {
    let name = this.name();
    while (this.acceptPunct('.')) name = this.name();
    return name;
  }

  string(): string {
    const t = this.next();
    if (t.kind !== 'string') throw this.error(`expected a quoted string, found ${t.text}`, t);
    return stringValue(t, true);
  }

  /** The tokens of a parenthesised group starting here, without the parentheses. */
  group(): Token[] {
    if (!this.isPunct('(')) throw this.error('expected "("');
    const close = matchingParen(this.tokens, this.i);
    const inner = this.tokens.slice(this.i + 1, close);
    this.i = close + 1;
    return [...inner];
  }

  /** The source text of tokens [from, to). */
  text(from: number, to: number): string {
    const first = this.tokens[from];
    const last = this.tokens[to - 1];
    if (!first || !last) return '';
    return this.source.text.slice(first.offset, last.offset + last.text.length);
  }

  sub(tokens: readonly Token[]): Cursor {
    return new Cursor(tokens, this.source);
  }

  error(message: string, token = this.peek() ?? this.tokens[this.tokens.length - 1]): UserError {
    return new UserError('SYNTAX_ERROR', message, {
      location: locate(this.source.text, token?.offset ?? 0, this.source.file),
      hint: 'the MySQL text reader covers common DDL; pass a disposable MySQL/MariaDB server with --scratch-url (or MIGRATION_GENERATOR_MYSQL_URL) for the rest',
    });
  }

  unsupported(what: string, token = this.peek()): UserError {
    return new UserError('UNSUPPORTED', `${what} is not supported without a server`, {
      location: locate(this.source.text, token?.offset ?? 0, this.source.file),
      hint: 'pass a disposable MySQL/MariaDB server with --scratch-url (or MIGRATION_GENERATOR_MYSQL_URL) to load it with the server\'s own semantics',
    });
  }
}

/** The source text spanned by a token list. */
export function spanText(tokens: readonly Token[], source: SqlText): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return first && last ? source.text.slice(first.offset, last.offset + last.text.length) : '';
}
