/**
 * One canonical spelling of a MySQL expression (CHECK, generated column, default, index key).
 * The server re-prints expressions its own way (MariaDB: backquoted names, lower-case functions,
 * only the parentheses precedence needs, `!=` as `<>`); SQL text spells them as the author did.
 * Both go through this printer, so equal expressions compare equal as strings whichever path
 * they came from. Names are case-insensitive in MySQL expressions, so words are lower-cased;
 * string literals are kept byte for byte.
 */
import { identName, lex, significant, stringValue, type Token } from '../../sources/sql/lex.js';
import { quoteMysqlIdent } from './names.js';

type Node =
  | { readonly t: 'atom'; readonly text: string }
  | { readonly t: 'bin'; readonly op: string; readonly l: Node; readonly r: Node }
  | { readonly t: 'un'; readonly op: string; readonly e: Node }
  | { readonly t: 'call'; readonly name: string; readonly args: string }
  | { readonly t: 'list'; readonly items: readonly Node[] }
  | { readonly t: 'between'; readonly not: boolean; readonly e: Node; readonly lo: Node; readonly hi: Node }
  | { readonly t: 'is'; readonly not: boolean; readonly e: Node; readonly what: string };

const BINARY: Record<string, number> = {
  or: 1, '||': 1, xor: 2, and: 3, '&&': 3,
  '=': 6, '<=>': 6, '>=': 6, '>': 6, '<=': 6, '<': 6, '<>': 6, '!=': 6, like: 6, regexp: 6, rlike: 6, in: 6,
  '|': 7, '&': 8, '<<': 9, '>>': 9, '-': 10, '+': 10, '*': 11, '/': 11, div: 11, '%': 11, mod: 11, '^': 12,
};
const SPELLING: Record<string, string> = { '||': 'or', '&&': 'and', '!=': '<>', rlike: 'regexp', '%': 'mod' };
const NOT_PRECEDENCE = 4;
const COMPARISON = 6;
const UNARY = 13;

export function canonicalMysqlExpr(text: string): string {
  const tokens = significant(lex(text, { mysql: true }));
  try {
    const parser = new Parser(tokens);
    const node = parser.expression(0);
    if (!parser.done()) throw new Error('trailing tokens');
    return print(node, 0);
  } catch {
    return tokens.map(tokenText).join(' ');
  }
}

/** A token in canonical form: words lower-cased, names unquoted where that is safe, strings single-quoted. */
export function tokenText(t: Token): string {
  if (t.kind === 'quoted') return quoteMysqlIdent(identName(t).toLowerCase());
  if (t.kind === 'string') return quoteString(stringValue(t, true));
  if (t.kind === 'word') return t.text.toLowerCase();
  return t.text;
}

export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  private peek(offset = 0): string {
    const t = this.tokens[this.i + offset];
    return t ? (t.kind === 'word' ? t.text.toLowerCase() : t.kind === 'punct' ? t.text : `\0${t.kind}`) : '';
  }

  private take(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new Error('unexpected end');
    return t;
  }

  private expect(text: string): void {
    if (this.peek() !== text) throw new Error(`expected ${text}`);
    this.i++;
  }

  expression(min: number): Node {
    let left = this.prefix();
    for (;;) {
      const op = this.peek();
      if (op === 'not' && ['in', 'like', 'regexp', 'rlike', 'between'].includes(this.peek(1)) && COMPARISON >= min) {
        this.i++;
        left = this.comparison(left, true);
        continue;
      }
      if ((op === 'is' || op === 'between') && COMPARISON >= min) {
        left = this.comparison(left, false);
        continue;
      }
      const precedence = BINARY[op];
      if (precedence === undefined || precedence < min) return left;
      this.i++;
      if (op === 'in' || op === 'like' || op === 'regexp' || op === 'rlike') {
        left = this.comparison(left, false, op);
        continue;
      }
      left = { t: 'bin', op: SPELLING[op] ?? op, l: left, r: this.expression(precedence + 1) };
    }
  }

  private comparison(left: Node, not: boolean, taken?: string): Node {
    const op = taken ?? this.peek();
    if (!taken) this.i++;
    if (op === 'is') {
      const negated = this.peek() === 'not';
      if (negated) this.i++;
      return { t: 'is', not: negated, e: left, what: this.take().text.toLowerCase() };
    }
    if (op === 'between') {
      const lo = this.expression(COMPARISON + 1);
      this.expect('and');
      return { t: 'between', not, e: left, lo, hi: this.expression(COMPARISON + 1) };
    }
    const right = this.expression(COMPARISON + 1);
    const name = (not ? 'not ' : '') + (SPELLING[op] ?? op);
    return { t: 'bin', op: name, l: left, r: right };
  }

  private prefix(): Node {
    const word = this.peek();
    if (word === 'not' || word === '!') {
      this.i++;
      return { t: 'un', op: 'not', e: this.expression(word === 'not' ? NOT_PRECEDENCE : UNARY) };
    }
    if (word === '-' || word === '+' || word === '~') {
      this.i++;
      return { t: 'un', op: word, e: this.expression(UNARY) };
    }
    if (word === '(') {
      this.i++;
      const items = [this.expression(0)];
      while (this.peek() === ',') {
        this.i++;
        items.push(this.expression(0));
      }
      this.expect(')');
      return items.length === 1 ? (items[0] as Node) : { t: 'list', items };
    }
    const token = this.take();
    if (token.kind === 'punct' && token.text !== '*') throw new Error(`unexpected ${token.text}`);
    if ((token.kind === 'word' || token.kind === 'quoted') && this.peek() === '(') return this.call(token);
    let text = tokenText(token);
    // Qualified names: t.c
    while (this.peek() === '.') {
      this.i++;
      text += `.${tokenText(this.take())}`;
    }
    return { t: 'atom', text };
  }

  /** Function arguments keep their own grammar (CAST ... AS, COUNT(*), TRIM(LEADING ...)): print token by token. */
  private call(name: Token): Node {
    const open = this.i;
    let depth = 0;
    do {
      const p = this.peek();
      if (p === '(') depth++;
      if (p === ')') depth--;
      this.take();
    } while (depth > 0);
    const inner = this.tokens.slice(open + 1, this.i - 1);
    const parts = splitArgs(inner).map((arg) => canonicalArg(arg));
    return { t: 'call', name: identName(name).toLowerCase(), args: parts.join(', ') };
  }
}

function splitArgs(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (depth === 0 && t.kind === 'punct' && t.text === ',') parts.push([]);
    else (parts[parts.length - 1] as Token[]).push(t);
  }
  return parts.filter((p) => p.length > 0);
}

function canonicalArg(tokens: readonly Token[]): string {
  const text = tokens.map((t) => t.text).join(' ');
  const simple = !tokens.some((t) => t.kind === 'word' && ['as', 'using', 'from', 'leading', 'trailing', 'both', 'separator', 'order'].includes(t.text.toLowerCase()));
  return simple ? canonicalMysqlExpr(text) : tokens.map(tokenText).join(' ');
}

function precedenceOf(node: Node): number {
  switch (node.t) {
    case 'bin':
      return BINARY[node.op.replace(/^not /, '')] ?? COMPARISON;
    case 'un':
      return node.op === 'not' ? NOT_PRECEDENCE : UNARY;
    case 'between':
    case 'is':
      return COMPARISON;
    default:
      return 100;
  }
}

function print(node: Node, min: number): string {
  const text = printBare(node);
  return precedenceOf(node) < min ? `(${text})` : text;
}

function printBare(node: Node): string {
  switch (node.t) {
    case 'atom':
      return node.text;
    case 'call':
      return `${node.name}(${node.args})`;
    case 'list':
      return `(${node.items.map((n) => print(n, 0)).join(', ')})`;
    case 'un':
      return node.op === 'not' ? `not ${print(node.e, NOT_PRECEDENCE)}` : `${node.op}${print(node.e, UNARY)}`;
    case 'is':
      return `${print(node.e, COMPARISON + 1)} is ${node.not ? 'not ' : ''}${node.what}`;
    case 'between':
      return `${print(node.e, COMPARISON + 1)} ${node.not ? 'not ' : ''}between ${print(node.lo, COMPARISON + 1)} and ${print(node.hi, COMPARISON + 1)}`;
    case 'bin': {
      const p = precedenceOf(node);
      const right = node.op.endsWith('in') && node.r.t !== 'list' ? `(${print(node.r, 0)})` : print(node.r, p + 1);
      return `${print(node.l, p)} ${node.op} ${right}`;
    }
  }
}
