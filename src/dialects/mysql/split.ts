/**
 * Splits MySQL SQL into statements: quotes, `#`/`-- `/`/* *\/` comments, `DELIMITER` lines as the
 * mysql client reads them, and (with the default delimiter) semicolons inside the BEGIN ... END body
 * of a trigger, function, procedure or event. Each statement keeps its offset so a server error can
 * point at it: the server runs one statement per call.
 */
import { isWord, lex, significant, type Token } from '../../sources/sql/lex.js';

export interface MysqlStatement {
  readonly text: string;
  readonly offset: number;
  /** Significant tokens, offsets relative to the whole source text. */
  readonly tokens: readonly Token[];
}

export function splitMysql(text: string): MysqlStatement[] {
  const tokens = lex(text, { mysql: true });
  const statements: MysqlStatement[] = [];
  let delimiter = ';';
  let current: Token[] = [];
  let depth = 0;
  const flush = () => {
    const body = current;
    const first = body[0];
    const last = body[body.length - 1];
    if (first && last) statements.push({ text: text.slice(first.offset, last.offset + last.text.length), offset: first.offset, tokens: body });
    current = [];
    depth = 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (current.length === 0 && isWord(t, 'DELIMITER')) {
      const lineEnd = text.indexOf('\n', t.offset);
      const end = lineEnd < 0 ? text.length : lineEnd;
      delimiter = text.slice(t.offset + t.text.length, end).trim() || ';';
      while (i + 1 < tokens.length && (tokens[i + 1] as Token).offset < end) i++;
      current = [];
      continue;
    }
    const isCode = t.kind !== 'space' && t.kind !== 'comment' && t.kind !== 'string' && t.kind !== 'quoted';
    // A custom delimiter may be glued to a word (`END$$`): look inside the token.
    const at = isCode ? (delimiter === ';' ? (t.text === ';' ? 0 : -1) : t.text.indexOf(delimiter)) : -1;
    if (at >= 0 && (delimiter !== ';' || depth === 0)) {
      if (at > 0) current.push({ ...t, text: t.text.slice(0, at) });
      const end = t.offset + at + delimiter.length;
      while (i + 1 < tokens.length && (tokens[i + 1] as Token).offset < end) i++;
      flush();
      continue;
    }
    if (t.kind === 'space' || t.kind === 'comment') continue;
    current.push(t);
    if (t.kind === 'word' && isCompound(current)) depth += blockStep(t, tokens, i, current[current.length - 2]);
  }
  flush();
  return statements;
}

function isCompound(current: readonly Token[]): boolean {
  const head = current.slice(0, 8);
  return isWord(head[0], 'CREATE') && head.some((t) => isWord(t, 'TRIGGER', 'FUNCTION', 'PROCEDURE', 'EVENT'));
}

/** BEGIN and CASE open a block; END closes one unless it is END IF / LOOP / WHILE / REPEAT. */
function blockStep(t: Token, tokens: readonly Token[], i: number, previous: Token | undefined): number {
  const word = t.text.toUpperCase();
  if (word === 'CASE' && isWord(previous, 'END')) return 0;
  if (word === 'BEGIN' || word === 'CASE') return 1;
  if (word !== 'END') return 0;
  const next = significant(tokens.slice(i + 1, i + 6))[0];
  return isWord(next, 'IF', 'LOOP', 'WHILE', 'REPEAT') ? 0 : -1;
}
