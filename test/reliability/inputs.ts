/**
 * Hostile inputs for the fuzz suite: real DDL from the case folders, mutated (cut mid-statement,
 * random bytes and NULs spliced in, identifiers swapped for quote-laden or non-ASCII ones, nesting
 * made deep), plus text fast-check makes up. Seeded: the same run every time.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../mcp/helpers.js';

export const SEED = 20261124;

const CASES = join(ROOT, 'test', 'cases');

/** Every from.sql / to.sql of the case folders: real DDL of every object kind. */
export const CORPUS: readonly string[] = readdirSync(CASES)
  .sort()
  .flatMap((dir) => ['from.sql', 'to.sql'].map((file) => readFileSync(join(CASES, dir, file), 'utf8')));

/** Names that must survive quoting: quotes, spaces, reserved words, non-ASCII, injection attempts. */
export const HOSTILE_NAMES: readonly string[] = [
  'a"b',
  '"',
  '""',
  "it's",
  'two words',
  'select',
  'table',
  'user',
  'order by',
  'Ünïcödé',
  '表',
  '🦀',
  'x); DROP TABLE victim; --',
  "x'); DROP TABLE victim; --",
  'a\\b',
  '$$',
  'tab\there',
  'MixedCase',
];

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);

/** A cut anywhere: truncated statements, an unterminated string or dollar quote. */
const truncated = fc.tuple(pick(CORPUS), fc.double({ min: 0, max: 1, noNaN: true })).map(([sql, at]) => sql.slice(0, Math.floor(sql.length * at)) || 'CREATE');

const junk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.constantFrom('\0', '\0\0\0', '\uFFFF', '\uD800', '\u202E', "'", '"', '$$', '/*', '--', ';', '(', ')', 'E\'\\', '\r\n'),
);

/** Bytes spliced into real DDL at a random place. */
const spliced = fc.tuple(pick(CORPUS), fc.double({ min: 0, max: 1, noNaN: true }), junk).map(([sql, at, bytes]) => {
  const i = Math.floor(sql.length * at);
  return sql.slice(0, i) + bytes + sql.slice(i);
});

/** A real file with one identifier replaced everywhere by a hostile one (often still valid SQL). */
const renamed = fc.tuple(pick(CORPUS), pick(HOSTILE_NAMES), fc.nat()).map(([sql, name, n]) => {
  const words = [...new Set(sql.match(/\b[a-z_][a-z0-9_]{2,}\b/g) ?? [])].filter((w) => !/^(create|table|int|text|not|null|primary|key|references|on|default|check|index|unique|varchar|integer|bigint)$/i.test(w));
  if (words.length === 0) return sql;
  const word = words[n % words.length] as string;
  return sql.replace(new RegExp(`\\b${word}\\b`, 'g'), `"${name.replace(/"/g, '""')}"`);
});

/** Deep nesting in an expression, a type, or plain parentheses. */
const nested = fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.constantFrom('expr', 'parens', 'array', 'comment')).map(([depth, kind]) => {
  switch (kind) {
    case 'expr':
      return `CREATE TABLE n (x int DEFAULT ${'('.repeat(depth)}1${')'.repeat(depth)});`;
    case 'parens':
      return '('.repeat(depth);
    case 'array':
      return `CREATE TABLE n (x int${'[]'.repeat(Math.min(depth, 200))});`;
    default:
      return `${'/*'.repeat(depth)} CREATE TABLE n (x int); ${'*/'.repeat(depth)}`;
  }
});

const madeUp = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.array(pick(['CREATE', 'TABLE', 'ALTER', 'DROP', 'INDEX', '(', ')', ',', ';', 'x', '"y"', 'int', 'DEFAULT', "'z'", 'NOT NULL', '$$', 'DO', 'ON', 'VIEW', 'AS', 'SELECT']), { maxLength: 40 }).map((t) => t.join(' ')),
);

/** The text a source or SQL argument gets in the fuzz runs. */
export const hostileSql: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: truncated, weight: 3 },
  { arbitrary: spliced, weight: 3 },
  { arbitrary: renamed, weight: 2 },
  { arbitrary: nested, weight: 1 },
  { arbitrary: madeUp, weight: 3 },
);

/** Ten megabytes, built once: garbage, one huge identifier, and valid SQL that is mostly a comment. */
export function tenMegabyteInputs(): readonly { readonly label: string; readonly text: string }[] {
  const mb = 10 * 1024 * 1024;
  return [
    { label: '10 MB of one letter', text: 'x'.repeat(mb) },
    { label: '10 MB identifier', text: `CREATE TABLE "${'y'.repeat(mb)}" (id int);` },
    { label: '10 MB comment around a table', text: `/* ${'z'.repeat(mb)} */ CREATE TABLE big (id int);` },
    { label: '10 MB of statements cut short', text: 'CREATE TABLE t (a int, '.repeat(Math.floor(mb / 23)) },
  ];
}

/** A tool answer is acceptable when it succeeded, or failed with a code a person or model can act on. */
export const CODED_ERROR = /^(?:(?:SYNTAX_ERROR|SQL_ERROR|BAD_INPUT|NOT_FOUND|CONNECTION_FAILED|UNSUPPORTED|FILE_EXISTS|CANCELLED|TIMEOUT): |MCP error -32602: )/;
