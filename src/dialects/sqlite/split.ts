/**
 * Splits SQLite SQL into statements the way `sqlite3_complete()` decides a statement is complete:
 * a semicolon ends a statement unless it sits inside a `CREATE TRIGGER ... END` body. better-sqlite3
 * prepares one statement at a time, and each statement's offset lets errors point at it.
 */
import { lex, significant, type Token } from '../../sources/sql/lex.js';

export interface SplitStatement {
  /** The statement without its trailing semicolon. */
  readonly text: string;
  readonly offset: number;
  /** Its tokens (blanks and comments left out), offsets relative to the whole source text. */
  readonly tokens: readonly Token[];
}

// sqlite3_complete's token classes and states, straight from SQLite's complete.c.
const SEMI = 0;
const WS = 1;
const OTHER = 2;
const EXPLAIN = 3;
const CREATE = 4;
const TEMP = 5;
const TRIGGER = 6;
const END = 7;

const TRANSITIONS: readonly (readonly number[])[] = [
  /* 0 INVALID */ [1, 0, 2, 3, 4, 2, 2, 2],
  /* 1 START   */ [1, 1, 2, 3, 4, 2, 2, 2],
  /* 2 NORMAL  */ [1, 2, 2, 2, 2, 2, 2, 2],
  /* 3 EXPLAIN */ [1, 3, 3, 2, 4, 2, 2, 2],
  /* 4 CREATE  */ [1, 4, 2, 2, 2, 4, 5, 2],
  /* 5 TRIGGER */ [6, 5, 5, 5, 5, 5, 5, 5],
  /* 6 SEMI    */ [6, 6, 5, 5, 5, 5, 5, 7],
  /* 7 END     */ [1, 7, 5, 5, 5, 5, 5, 5],
];

function tokenClass(token: Token): number {
  if (token.kind === 'space' || token.kind === 'comment') return WS;
  if (token.kind === 'punct' && token.text === ';') return SEMI;
  if (token.kind !== 'word') return OTHER;
  switch (token.text.toUpperCase()) {
    case 'CREATE':
      return CREATE;
    case 'TEMP':
    case 'TEMPORARY':
      return TEMP;
    case 'TRIGGER':
      return TRIGGER;
    case 'END':
      return END;
    case 'EXPLAIN':
      return EXPLAIN;
    default:
      return OTHER;
  }
}

export function splitSqlite(text: string): SplitStatement[] {
  const statements: SplitStatement[] = [];
  let state = 0;
  let current: Token[] = [];
  const flush = () => {
    const meaningful = significant(current);
    const first = meaningful[0];
    const last = meaningful[meaningful.length - 1];
    if (first && last && !(meaningful.length === 1 && last.text === ';')) {
      const body = last.text === ';' ? meaningful.slice(0, -1) : meaningful;
      const end = (body[body.length - 1] as Token).offset + (body[body.length - 1] as Token).text.length;
      statements.push({ text: text.slice(first.offset, end), offset: first.offset, tokens: body });
    }
    current = [];
  };
  for (const token of lex(text)) {
    current.push(token);
    state = (TRANSITIONS[state] as readonly number[])[tokenClass(token)] as number;
    if (state === 1 && tokenClass(token) === SEMI) flush();
  }
  flush();
  return statements;
}
