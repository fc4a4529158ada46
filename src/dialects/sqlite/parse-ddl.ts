/**
 * What SQLite's pragmas do not tell, read from the `CREATE` text SQLite keeps in `sqlite_schema`:
 * constraint names, CHECK and generated-column expressions, collations, AUTOINCREMENT, index key
 * expressions, a view's query. The text there is what SQLite accepted, so this only has to find
 * clauses, not validate them.
 */
import { canonicalSql, identName, isWord, lex, matchingParen, significant, splitTopLevel, type Token } from '../../sources/sql/lex.js';

export const SQLITE_KEYWORDS: ReadonlySet<string> = new Set(
  `ABORT ACTION ADD AFTER ALL ALWAYS AND AS ASC AUTOINCREMENT BEFORE BEGIN BETWEEN BY CASCADE CASE CAST CHECK COLLATE
  CONFLICT CONSTRAINT CREATE CROSS CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DEFAULT DEFERRABLE DEFERRED DELETE DESC
  DISTINCT EACH ELSE END ESCAPE EXCEPT EXISTS FAIL FOR FOREIGN FROM FULL GENERATED GLOB GROUP HAVING IF IGNORE IMMEDIATE IN
  INDEX INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN KEY LEFT LIKE LIMIT MATCH NATURAL NO NOT NOTNULL NULL
  OF OFFSET ON OR ORDER OUTER PRIMARY RAISE RECURSIVE REFERENCES REGEXP REPLACE RESTRICT RETURNING RIGHT ROW ROWID SELECT SET
  STORED STRICT TABLE TEMP TEMPORARY THEN TO TRIGGER UNION UNIQUE UPDATE USING VALUES VIEW VIRTUAL WHEN WHERE WITH WITHOUT`.split(/\s+/),
);

/** Where a name can only be a table's: SQLite quotes a renamed table there (`ON "members"`). */
const TABLE_POSITION = new Set(['ON', 'FROM', 'JOIN', 'UPDATE', 'INTO', 'TABLE']);

export function sqliteCanonical(tokens: readonly Token[]): string {
  const plain = tokens.map((t, i) => {
    const before = tokens[i - 1];
    // An alias names a view's column as written (`2 AS key` is column "key"): not a keyword to uppercase.
    if (t.kind === 'word' && isWord(before, 'AS') && !isWord(t, 'NOT') && SQLITE_KEYWORDS.has(t.text.toUpperCase())) return { ...t, kind: 'quoted' as const, text: `"${t.text}"` };
    const bare = /^"([A-Za-z_][A-Za-z0-9_]*)"$/.exec(t.text)?.[1];
    if (!bare || !before || before.kind !== 'word' || !TABLE_POSITION.has(before.text.toUpperCase()) || SQLITE_KEYWORDS.has(bare.toUpperCase())) return t;
    return { ...t, kind: 'word' as const, text: bare };
  });
  return canonicalSql(plain, SQLITE_KEYWORDS);
}

export interface ParsedColumn {
  readonly name: string;
  readonly collation?: string;
  readonly autoincrement: boolean;
  readonly generated?: string;
}

export interface ParsedConstraint {
  readonly name?: string;
  readonly kind: 'primary_key' | 'unique' | 'check' | 'foreign_key';
  /** Columns as written (for a column constraint: that column). */
  readonly columns: readonly string[];
  readonly check?: string;
  readonly references?: string;
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
  /** Declared on a column rather than in the table's constraint list. */
  readonly columnLevel?: string;
}

export interface ParsedTable {
  readonly columns: readonly ParsedColumn[];
  readonly constraints: readonly ParsedConstraint[];
}

const COLUMN_CONSTRAINT_START = ['CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS'];
const TABLE_CONSTRAINT_START = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'];

export function parseCreateTable(sql: string): ParsedTable {
  const tokens = significant(lex(sql));
  const open = tokens.findIndex((t) => t.kind === 'punct' && t.text === '(');
  // CREATE TABLE ... AS SELECT: no column definitions to read.
  if (open < 0 || tokens.slice(0, open).some((t) => isWord(t, 'AS'))) return { columns: [], constraints: [] };
  const items = splitTopLevel(tokens.slice(open + 1, matchingParen(tokens, open)));
  const columns: ParsedColumn[] = [];
  const constraints: ParsedConstraint[] = [];
  for (const item of items) {
    if (isWord(item[0], ...TABLE_CONSTRAINT_START)) constraints.push(parseTableConstraint(item));
    else {
      const parsed = parseColumn(item);
      columns.push(parsed.column);
      constraints.push(...parsed.constraints);
    }
  }
  return { columns, constraints };
}

function parseColumn(item: readonly Token[]): { column: ParsedColumn; constraints: ParsedConstraint[] } {
  const name = identName(item[0] as Token);
  let i = 1;
  let depth = 0;
  // The type runs until the first constraint keyword outside parentheses.
  while (i < item.length && !(depth === 0 && isWord(item[i], ...COLUMN_CONSTRAINT_START))) {
    if (item[i]?.text === '(') depth++;
    if (item[i]?.text === ')') depth--;
    i++;
  }
  const constraints: ParsedConstraint[] = [];
  let collation: string | undefined;
  let autoincrement = false;
  let generated: string | undefined;
  let constraintName: string | undefined;
  while (i < item.length) {
    const t = item[i] as Token;
    const word = t.kind === 'word' ? t.text.toUpperCase() : '';
    if (word === 'CONSTRAINT') {
      constraintName = identName(item[i + 1] as Token);
      i += 2;
      continue;
    }
    const end = clauseEnd(item, i + 1);
    const clause = item.slice(i, end);
    if (word === 'PRIMARY') {
      constraints.push({ name: constraintName, kind: 'primary_key', columns: [name], columnLevel: name });
      autoincrement ||= clause.some((c) => isWord(c, 'AUTOINCREMENT'));
    } else if (word === 'UNIQUE') constraints.push({ name: constraintName, kind: 'unique', columns: [name], columnLevel: name });
    else if (word === 'CHECK') constraints.push({ name: constraintName, kind: 'check', columns: [name], check: parenBody(clause, 1), columnLevel: name });
    else if (word === 'REFERENCES') constraints.push({ name: constraintName, ...referencesClause(clause), kind: 'foreign_key', columns: [name], columnLevel: name });
    else if (word === 'COLLATE') collation = identName(clause[1] as Token);
    else if (word === 'GENERATED' || word === 'AS') generated = parenBody(clause, clause.findIndex((c) => c.text === '('));
    constraintName = undefined;
    i = end;
  }
  return { column: { name, collation, autoincrement, generated }, constraints };
}

/** A column constraint ends where the next one starts; `NOT` of `NOT DEFERRABLE`, `NULL` of `SET NULL` do not start one. */
function clauseEnd(item: readonly Token[], from: number): number {
  let i = from;
  while (i < item.length) {
    const t = item[i] as Token;
    if (t.text === '(') {
      i = matchingParen(item, i) + 1;
      continue;
    }
    const startsNext =
      isWord(t, ...COLUMN_CONSTRAINT_START) &&
      !(isWord(t, 'NOT') && isWord(item[i + 1], 'DEFERRABLE')) &&
      !(isWord(t, 'NULL') && isWord(item[i - 1], 'SET', 'NOT')) &&
      !(isWord(t, 'DEFAULT') && isWord(item[i - 1], 'SET')) &&
      !(isWord(t, 'AS') && isWord(item[i - 1], 'ALWAYS'));
    if (startsNext) return i;
    i++;
  }
  return i;
}

function parseTableConstraint(item: readonly Token[]): ParsedConstraint {
  let i = 0;
  let name: string | undefined;
  if (isWord(item[0], 'CONSTRAINT')) {
    name = identName(item[1] as Token);
    i = 2;
  }
  const rest = item.slice(i);
  const open = rest.findIndex((t) => t.text === '(');
  const columnList = () => (open < 0 ? [] : keyColumns(rest.slice(open + 1, matchingParen(rest, open))));
  if (isWord(rest[0], 'CHECK')) return { name, kind: 'check', columns: [], check: parenBody(rest, open) };
  if (isWord(rest[0], 'PRIMARY')) return { name, kind: 'primary_key', columns: columnList() };
  if (isWord(rest[0], 'UNIQUE')) return { name, kind: 'unique', columns: columnList() };
  const refAt = rest.findIndex((t) => isWord(t, 'REFERENCES'));
  return { name, kind: 'foreign_key', columns: columnList(), ...referencesClause(rest.slice(refAt)) };
}

function keyColumns(tokens: readonly Token[]): string[] {
  return splitTopLevel(tokens).map((part) => identName(part[0] as Token));
}

function referencesClause(clause: readonly Token[]): Pick<ParsedConstraint, 'references' | 'deferrable' | 'initiallyDeferred'> {
  const deferrableAt = clause.findIndex((t) => isWord(t, 'DEFERRABLE'));
  const deferrable = deferrableAt > 0 && !isWord(clause[deferrableAt - 1], 'NOT');
  const initiallyDeferred = deferrable && clause.some((t, i) => isWord(t, 'DEFERRED') && isWord(clause[i - 1], 'INITIALLY'));
  return { references: clause[1] ? identName(clause[1]) : undefined, deferrable: deferrable || undefined, initiallyDeferred: initiallyDeferred || undefined };
}

/** The canonical text inside the parenthesis that opens at `open`. */
function parenBody(tokens: readonly Token[], open: number): string {
  if (open < 0) return '';
  return sqliteCanonical(tokens.slice(open + 1, matchingParen(tokens, open)));
}

export interface ParsedIndex {
  readonly keys: readonly string[];
  readonly where?: string;
}

export function parseCreateIndex(sql: string): ParsedIndex {
  const tokens = significant(lex(sql));
  const open = tokens.findIndex((t) => t.text === '(');
  const close = matchingParen(tokens, open);
  const keys = splitTopLevel(tokens.slice(open + 1, close)).map(sqliteCanonical);
  const whereAt = tokens.findIndex((t, i) => i > close && isWord(t, 'WHERE'));
  return { keys, where: whereAt > 0 ? sqliteCanonical(tokens.slice(whereAt + 1)) : undefined };
}

/** The query of a `CREATE VIEW name [(columns)] AS query`. */
export function viewQuery(sql: string): string {
  const tokens = significant(lex(sql));
  let i = tokens.findIndex((t) => isWord(t, 'VIEW')) + 1;
  while (i < tokens.length && !isWord(tokens[i], 'AS')) i = tokens[i]?.text === '(' ? matchingParen(tokens, i) + 1 : i + 1;
  return sqliteCanonical(tokens.slice(i + 1));
}

/** Whole statement in canonical form, `IF NOT EXISTS` removed (SQLite drops it for tables and indexes only). */
export function canonicalStatement(sql: string): string {
  const tokens = significant(lex(sql));
  const ifAt = tokens.findIndex((t, i) => isWord(t, 'IF') && isWord(tokens[i + 1], 'NOT') && isWord(tokens[i + 2], 'EXISTS'));
  const kept = ifAt >= 0 && ifAt < 6 ? [...tokens.slice(0, ifAt), ...tokens.slice(ifAt + 3)] : tokens;
  return sqliteCanonical(kept);
}
