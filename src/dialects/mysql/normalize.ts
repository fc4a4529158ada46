/**
 * One spelling for what MySQL and MariaDB spell in several ways, so the dialect-neutral diff can
 * compare text. The canonical forms (documented here, relied on by both the server path and the
 * SQL-text path):
 * - types: lower case, MySQL 8 style: no integer display width (`int`, `bigint unsigned`) except
 *   `tinyint(1)` (the boolean convention) and zerofill columns; aliases resolved (`bool` →
 *   `tinyint(1)`, `integer` → `int`, `numeric` → `decimal(10,0)`...); enum/set values re-quoted.
 * - defaults: absent for no default and for `DEFAULT NULL`; strings single-quoted with `''`
 *   (MariaDB quotes them in information_schema, MySQL 8 does not); numbers as the server prints
 *   them for the column type (`0.00` for decimal(10,2)); `current_timestamp()` / `current_timestamp(n)`
 *   for every spelling of "now"; other expressions through the canonical expression printer.
 */
import { lex, significant, stringValue } from '../../sources/sql/lex.js';
import { canonicalMysqlExpr, quoteString } from './expression.js';

export type MysqlFlavor = 'mariadb' | 'mysql';

const INTEGER = /^(tinyint|smallint|mediumint|int|bigint)(\(\d+\))?(.*)$/;
const NUMERIC = /^(tinyint|smallint|mediumint|int|bigint|decimal|float|double|bit|year)\b/;

const ALIASES: Record<string, string> = {
  integer: 'int',
  int1: 'tinyint',
  int2: 'smallint',
  int3: 'mediumint',
  middleint: 'mediumint',
  int4: 'int',
  int8: 'bigint',
  dec: 'decimal',
  numeric: 'decimal',
  fixed: 'decimal',
  real: 'double',
  float4: 'float',
  float8: 'double',
  'double precision': 'double',
  'character varying': 'varchar',
  character: 'char',
  'long varbinary': 'mediumblob',
  'long varchar': 'mediumtext',
  long: 'mediumtext',
};

/** A column type as information_schema.COLUMNS.COLUMN_TYPE or a CREATE TABLE spells it → canonical. */
export function canonicalType(raw: string): string {
  let type = raw.trim().replace(/\s+/g, ' ').replace(/\s*\(\s*/g, '(').replace(/\s*\)/g, ')').replace(/\s*,\s*/g, ',');
  const enumMatch = /^(enum|set)\((.*)\)(.*)$/is.exec(type);
  if (enumMatch) return `${enumMatch[1]?.toLowerCase()}(${enumValues(enumMatch[2] ?? '').map(quoteString).join(',')})${(enumMatch[3] ?? '').toLowerCase()}`;
  type = type.toLowerCase();
  if (type === 'bool' || type === 'boolean') return 'tinyint(1)';
  if (type === 'serial') return 'bigint unsigned';
  const base = /^([a-z ]+?)(\(.*|\s+(?:unsigned|signed|zerofill).*)?$/.exec(type);
  if (base && ALIASES[base[1] as string]) type = `${ALIASES[base[1] as string]}${base[2] ?? ''}`;
  type = type.replace(/ signed\b/, '');
  const integer = INTEGER.exec(type);
  if (integer) {
    const keepWidth = (integer[1] === 'tinyint' && integer[2] === '(1)') || /zerofill/.test(integer[3] ?? '');
    return `${integer[1]}${keepWidth ? integer[2] ?? '' : ''}${integer[3] ?? ''}`;
  }
  if (/^decimal(?![(])/.test(type)) type = type.replace(/^decimal/, 'decimal(10,0)');
  type = type.replace(/^decimal\((\d+)\)/, 'decimal($1,0)');
  if (/^(char|binary)(?![(])/.test(type)) type = type.replace(/^(char|binary)/, '$1(1)');
  if (/^bit(?![(])/.test(type)) type = type.replace(/^bit/, 'bit(1)');
  const float = /^float\((\d+)\)(.*)$/.exec(type);
  if (float) type = `${Number(float[1]) > 24 ? 'double' : 'float'}${float[2] ?? ''}`;
  return type.replace(/^year\(4\)/, 'year').replace(/^(timestamp|datetime|time)\(0\)/, '$1');
}

/** The labels of an enum/set value list, unquoted. */
export function enumValues(list: string): string[] {
  return significant(lex(list, { mysql: true }))
    .filter((t) => t.kind === 'string')
    .map((t) => stringValue(t, true));
}

export function isNumericType(type: string): boolean {
  return NUMERIC.test(type);
}

/** Every spelling of "now" → `current_timestamp()` or `current_timestamp(n)`; undefined if not "now". */
export function canonicalNow(text: string): string | undefined {
  const match = /^(current_timestamp|now|localtime|localtimestamp)\s*(?:\(\s*(\d*)\s*\))?$/i.exec(text.trim());
  if (!match) return undefined;
  return `current_timestamp(${match[2] && match[2] !== '0' ? match[2] : ''})`;
}

/**
 * A default as MariaDB's information_schema reports it: NULL / 'NULL' for none, quoted strings,
 * bare numbers, expressions.
 */
export function mariadbDefault(raw: string | null, type: string): string | undefined {
  if (raw === null || raw === 'NULL') return undefined;
  if (raw.startsWith("'")) return literalDefault(stringValue(significant(lex(raw, { mysql: true }))[0] ?? { kind: 'string', text: raw, offset: 0 }), type);
  return expressionDefault(raw, type);
}

/** A default as MySQL 8 reports it: unquoted literal, or an expression when EXTRA says DEFAULT_GENERATED. */
export function mysqlDefault(raw: string | null, type: string, extra: string): string | undefined {
  if (raw === null) return undefined;
  if (/DEFAULT_GENERATED/i.test(extra)) return expressionDefault(raw, type);
  return canonicalNow(raw) ?? literalDefault(raw, type);
}

/** A literal default in canonical form for its column type. */
export function literalDefault(value: string, type: string): string {
  if (isNumericType(type) && !/^bit/.test(type) && /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(value)) return numberForType(value.trim(), type);
  return quoteString(temporalLiteral(value, type) ?? value);
}

const pad2 = (n: string | undefined) => (n ?? '0').padStart(2, '0');

/**
 * A date/time literal as the server stores it for the column type: zero-padded fields, a date-only
 * value for a datetime with its time of day, missing seconds added, the fraction padded to the
 * column's precision. Undefined for anything else (kept as written).
 */
function temporalLiteral(value: string, type: string): string | undefined {
  const kind = /^(date|datetime|timestamp|time)(?:\((\d)\))?$/.exec(type);
  if (!kind) return undefined;
  const precision = Number(kind[2] ?? 0);
  const fraction = (f: string | undefined) => (precision > 0 && (f ?? '').length <= precision ? `.${(f ?? '').padEnd(precision, '0')}` : f ? `.${f}` : '');
  const clock = (h?: string, m?: string, sec?: string, f?: string) => `${pad2(h)}:${pad2(m)}:${pad2(sec)}${fraction(f)}`;
  if (kind[1] === 'time') {
    const t = /^(\d{1,3}):(\d{1,2})(?::(\d{1,2}))?(?:\.(\d+))?$/.exec(value);
    return t ? clock(t[1], t[2], t[3], t[4]) : undefined;
  }
  const d = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.(\d+))?)?$/.exec(value);
  if (!d) return undefined;
  const date = `${d[1]}-${pad2(d[2])}-${pad2(d[3])}`;
  return kind[1] === 'date' ? date : `${date} ${clock(d[4], d[5], d[6], d[7])}`;
}

export function expressionDefault(text: string, type: string): string {
  const now = canonicalNow(text);
  if (now) return now;
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim())) return numberForType(text.trim(), type);
  return canonicalMysqlExpr(text);
}

/** Numbers the way the server stores them: decimals with their scale, integers without a fraction. */
export function numberForType(value: string, type: string): string {
  const decimal = /^decimal\(\d+,(\d+)\)/.exec(type);
  if (decimal) return Number(value).toFixed(Number(decimal[1]));
  if (INTEGER.test(type) || /^year/.test(type)) return String(Math.trunc(Number(value)));
  if (/^(float|double)/.test(type)) return String(Number(value));
  return value;
}
