/**
 * Column, key and table-option clauses of MySQL DDL, read into the state a server would keep, with
 * the server's implicit rules (MariaDB 10.11, the tested engine): primary-key columns are NOT NULL,
 * `serial` is `bigint unsigned NOT NULL AUTO_INCREMENT UNIQUE`, `bool` is `tinyint(1)`...
 */
import { canonicalType, isNumericType, numberForType } from '../../../dialects/mysql/normalize.js';
import { quoteString } from '../../../dialects/mysql/expression.js';
import { isWord, splitTopLevel, type Token } from '../lex.js';
import { Cursor, spanText } from './cursor.js';

export interface ColumnState {
  name: string;
  type: string;
  notNull: boolean;
  /** information_schema.COLUMNS.COLUMN_DEFAULT as MariaDB reports it. */
  dflt: string | null;
  extra: string[];
  gen: string | null;
  charset?: string;
  collation?: string;
  /** The BINARY attribute of a string type: the `_bin` collation of the column's character set. */
  binary?: boolean;
  comment: string;
}

export interface KeyPart {
  readonly column: string;
  readonly subPart: number | null;
  readonly desc: boolean;
}

export interface IndexState {
  name: string;
  readonly kind: 'primary' | 'unique' | 'index' | 'fulltext' | 'spatial';
  readonly parts: KeyPart[];
  readonly using?: string;
  readonly comment: string;
}

export interface ForeignKeyState {
  name: string;
  readonly indexName?: string;
  readonly columns: string[];
  readonly refTable: string;
  readonly refColumns: string[];
  readonly onDelete: string;
  readonly onUpdate: string;
  /** Declared without a name: named `<table>_ibfk_<n>` when the table is complete. */
  readonly unnamed: boolean;
}

export interface CheckState {
  name?: string;
  readonly clause: string;
  /** A column-level check: MariaDB names it after the column. */
  readonly column?: string;
}

export interface ColumnClauses {
  readonly column: ColumnState;
  readonly indexes: IndexState[];
  readonly checks: CheckState[];
  /** An inline REFERENCES clause: MariaDB (10.5+) makes it an unnamed foreign key; MySQL ignores it. */
  readonly foreignKeys: ForeignKeyState[];
}

const STRING_TYPES = /^(char|varchar|tinytext|text|mediumtext|longtext|enum|set)\b/;

/** `name type attributes...` */
export function parseColumn(c: Cursor): ColumnClauses {
  const name = c.name();
  const typeStart = c.i;
  c.next();
  if (c.is('PRECISION', 'VARYING')) c.next();
  if (c.isPunct('(')) c.group();
  while (c.is('UNSIGNED', 'SIGNED', 'ZEROFILL', 'BINARY')) c.next();
  const written = c.text(typeStart, c.i).replace(/\s+binary\b/i, '');
  const serial = /^serial$/i.test(written.trim());
  const column: ColumnState = { name, type: canonicalType(written), notNull: serial, dflt: null, extra: serial ? ['auto_increment'] : [], gen: null, comment: '' };
  if (/\sbinary\b/i.test(c.text(typeStart, c.i)) && STRING_TYPES.test(column.type)) column.binary = true;
  const indexes: IndexState[] = serial ? [{ name, kind: 'unique', parts: [{ column: name, subPart: null, desc: false }], comment: '' }] : [];
  const checks: CheckState[] = [];
  const foreignKeys: ForeignKeyState[] = [];
  let explicitNull = false;
  while (!c.done && !c.is('FIRST', 'AFTER')) {
    if (c.accept('NOT', 'NULL')) column.notNull = true;
    else if (c.accept('NULL')) explicitNull = true;
    else if (c.accept('DEFAULT')) column.dflt = defaultValue(c, column.type);
    else if (c.accept('AUTO_INCREMENT')) column.extra.push('auto_increment');
    else if (c.accept('UNIQUE')) {
      c.accept('KEY');
      indexes.push({ name, kind: 'unique', parts: [{ column: name, subPart: null, desc: false }], comment: '' });
    } else if (c.accept('PRIMARY', 'KEY') || c.accept('KEY')) {
      indexes.push({ name: 'PRIMARY', kind: 'primary', parts: [{ column: name, subPart: null, desc: false }], comment: '' });
      column.notNull = true;
    } else if (c.accept('COMMENT')) column.comment = c.string();
    else if (c.accept('ON', 'UPDATE')) column.extra.push(`on update ${nowText(c)}`);
    else if (c.accept('GENERATED', 'ALWAYS', 'AS') || c.accept('AS')) {
      column.gen = spanText(c.group(), c.source);
      const kind = c.is('STORED', 'PERSISTENT') ? 'STORED' : 'VIRTUAL';
      if (c.is('STORED', 'PERSISTENT', 'VIRTUAL')) c.next();
      column.extra.push(`${kind} GENERATED`);
    } else if (c.is('CHECK', 'CONSTRAINT')) {
      const named = c.accept('CONSTRAINT') && !c.is('CHECK') ? c.name() : undefined;
      c.expect('CHECK');
      checks.push({ name: named, clause: spanText(c.group(), c.source), column: name });
    } else if (c.accept('CHARACTER', 'SET') || c.accept('CHARSET')) column.charset = c.name().toLowerCase();
    else if (c.accept('COLLATE')) column.collation = c.name().toLowerCase();
    else if (c.accept('BINARY')) column.binary = STRING_TYPES.test(column.type);
    else if (c.accept('INVISIBLE')) column.extra.push('INVISIBLE');
    else if (c.accept('VISIBLE')) continue;
    else if (c.accept('COLUMN_FORMAT') || c.accept('STORAGE')) c.next();
    else if (c.accept('REFERENCES')) foreignKeys.push(inlineReference(c, name));
    else throw c.error(`unexpected ${c.peek()?.text} in the definition of column ${name}`);
  }
  void explicitNull;
  if (column.extra.some((e) => / GENERATED$/.test(e))) column.dflt = null;
  return { column, indexes, checks, foreignKeys };
}

/** `REFERENCES t (c) [ON DELETE a] [ON UPDATE a]` after a column (its ON UPDATE is not the timestamp one). */
function inlineReference(c: Cursor, column: string): ForeignKeyState {
  const refTable = c.qualifiedName();
  const refColumns = keyParts(c).map((p) => p.column);
  let onDelete = 'RESTRICT';
  let onUpdate = 'RESTRICT';
  for (;;) {
    if (c.accept('ON', 'DELETE')) onDelete = action(c);
    else if (c.is('ON') && isWord(c.tokens[c.i + 1], 'UPDATE') && isWord(c.tokens[c.i + 2], 'CASCADE', 'RESTRICT', 'SET', 'NO')) {
      c.next();
      c.next();
      onUpdate = action(c);
    } else if (c.accept('MATCH')) c.next();
    else break;
  }
  return { name: '', columns: [column], refTable, refColumns, onDelete, onUpdate, unnamed: true };
}

/** DEFAULT's operand, as MariaDB's information_schema reports it. */
export function defaultValue(c: Cursor, type: string): string | null {
  const t = c.peek();
  if (c.isPunct('(')) return spanText(c.group(), c.source);
  if (c.accept('NULL')) return null;
  if (c.accept('TRUE')) return '1';
  if (c.accept('FALSE')) return '0';
  if (c.is('CURRENT_TIMESTAMP', 'NOW', 'LOCALTIME', 'LOCALTIMESTAMP')) return nowText(c);
  if (t?.kind === 'string') return quoteString(c.string());
  // A typed literal (DATE '2024-01-01', TIME ..., TIMESTAMP ...) is its string, as the server stores it.
  if (c.is('DATE', 'TIME', 'TIMESTAMP') && c.tokens[c.i + 1]?.kind === 'string') {
    c.next();
    return quoteString(c.string());
  }
  const sign = c.isPunct('-') || c.isPunct('+') ? c.next().text : '';
  const value = c.next();
  if (value.kind === 'number') return isNumericType(type) ? numberForType(`${sign}${value.text}`, type) : quoteString(`${sign}${value.text}`);
  // b'0101', x'ff', _utf8mb4'x' and other spellings MariaDB prints its own way.
  throw c.unsupported(`DEFAULT ${value.text}`, value);
}

function nowText(c: Cursor): string {
  const word = c.next().text.toLowerCase();
  const args = c.isPunct('(') ? c.group() : [];
  const precision = args.map((a) => a.text).join('');
  return word === 'now' || word === 'current_timestamp' || word.startsWith('local') ? `current_timestamp(${precision})` : word;
}

/** A key clause: PRIMARY KEY, UNIQUE, INDEX/KEY, FULLTEXT, SPATIAL; `constraintName` from a CONSTRAINT prefix. */
export function parseKey(c: Cursor, constraintName?: string): IndexState {
  let kind: IndexState['kind'] = 'index';
  if (c.accept('PRIMARY', 'KEY')) kind = 'primary';
  else if (c.accept('UNIQUE')) kind = 'unique';
  else if (c.accept('FULLTEXT')) kind = 'fulltext';
  else if (c.accept('SPATIAL')) kind = 'spatial';
  else if (!c.is('INDEX', 'KEY')) throw c.error('expected a key definition');
  if (kind !== 'primary') c.accept('INDEX') || c.accept('KEY');
  let name = constraintName ?? '';
  if (!c.isPunct('(') && !c.is('USING')) name = c.name();
  let using = c.accept('USING') ? c.name().toUpperCase() : undefined;
  const parts = keyParts(c);
  let comment = '';
  while (!c.done) {
    if (c.accept('USING')) using = c.name().toUpperCase();
    else if (c.accept('COMMENT')) comment = c.string();
    else if (c.accept('KEY_BLOCK_SIZE')) {
      c.acceptPunct('=');
      c.next();
    } else if (c.accept('VISIBLE')) continue;
    else throw c.error(`unexpected ${c.peek()?.text} in a key definition`);
  }
  return { name: kind === 'primary' ? 'PRIMARY' : name, kind, parts, using, comment };
}

export function keyParts(c: Cursor): KeyPart[] {
  return splitTopLevel(c.group()).map((tokens) => {
    const part = c.sub(tokens);
    if (part.isPunct('(')) throw part.unsupported('an expression key part');
    const column = part.name();
    const subPart = part.isPunct('(') ? Number(part.group()[0]?.text) : null;
    const desc = part.accept('DESC');
    part.accept('ASC');
    if (!part.done) throw part.error(`unexpected ${part.peek()?.text} in a key part`);
    return { column, subPart, desc };
  });
}

/** `[CONSTRAINT [name]] FOREIGN KEY [index] (cols) REFERENCES t (cols) [ON DELETE x] [ON UPDATE y]` */
export function parseForeignKey(c: Cursor, constraintName?: string): ForeignKeyState {
  c.expect('FOREIGN', 'KEY');
  const indexName = c.isPunct('(') ? undefined : c.name();
  const columns = keyParts(c).map((p) => p.column);
  c.expect('REFERENCES');
  const refTable = c.qualifiedName();
  const refColumns = keyParts(c).map((p) => p.column);
  let onDelete = 'RESTRICT';
  let onUpdate = 'RESTRICT';
  while (!c.done) {
    if (c.accept('ON', 'DELETE')) onDelete = action(c);
    else if (c.accept('ON', 'UPDATE')) onUpdate = action(c);
    else if (c.accept('MATCH')) c.next();
    else throw c.error(`unexpected ${c.peek()?.text} in a foreign key`);
  }
  return { name: constraintName ?? '', indexName, columns, refTable, refColumns, onDelete, onUpdate, unnamed: !constraintName };
}

function action(c: Cursor): string {
  for (const words of [['CASCADE'], ['RESTRICT'], ['SET', 'NULL'], ['SET', 'DEFAULT'], ['NO', 'ACTION']]) {
    if (c.accept(...words)) return words.join(' ') === 'NO ACTION' ? 'RESTRICT' : words.join(' ');
  }
  throw c.error('expected CASCADE, RESTRICT, SET NULL, SET DEFAULT or NO ACTION');
}

export interface TableOptions {
  engine?: string;
  charset?: string;
  collation?: string;
  comment?: string;
  other: string[];
}

/** Table options after the closing parenthesis, or in ALTER TABLE. Returns false at a token that is not one. */
export function parseTableOption(c: Cursor, options: TableOptions): boolean {
  c.accept('DEFAULT');
  const value = () => {
    c.acceptPunct('=');
    const t = c.next();
    return t.kind === 'string' ? t.text.slice(1, -1) : t.text;
  };
  if (c.accept('ENGINE')) options.engine = value();
  else if (c.accept('CHARACTER', 'SET') || c.accept('CHARSET')) options.charset = value().toLowerCase();
  else if (c.accept('COLLATE')) options.collation = value().toLowerCase();
  else if (c.accept('COMMENT')) {
    c.acceptPunct('=');
    options.comment = c.string();
  } else if (c.accept('AUTO_INCREMENT')) value();
  else if (c.is('ROW_FORMAT', 'KEY_BLOCK_SIZE', 'STATS_PERSISTENT', 'PACK_KEYS', 'CHECKSUM')) {
    const key = c.next().text.toLowerCase();
    options.other.push(`${key}=${value().toUpperCase()}`);
  } else if (c.is('PARTITION')) {
    // Partitioning is not represented in the schema model: reported, as the server reader does.
    c.i = c.tokens.length;
    if (!options.other.includes('partitioned')) options.other.push('partitioned');
    return true;
  } else return false;
  c.acceptPunct(',');
  return true;
}

export function isStringType(type: string): boolean {
  return STRING_TYPES.test(type);
}

export function isColumnStart(tokens: readonly Token[]): boolean {
  return !isWord(tokens[0], 'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'KEY', 'INDEX', 'FULLTEXT', 'SPATIAL', 'FOREIGN', 'CHECK');
}
