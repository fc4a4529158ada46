/**
 * Sample rows for MySQL/MariaDB and SQLite scratch databases, so a table copy (MySQL) or rebuild
 * (SQLite) is proven on rows, not only on empty tables. Same contract as sample-rows.ts: values by
 * column type, parents before children, foreign keys pointing at a parent row, and a table whose rows
 * the database refuses is reported, not guessed at further.
 */
import type { Column, Schema, Table } from '../core/model.js';
import { compareText, sortedValues } from '../core/model.js';
import { fillOrder, fillTables, type SampleResult } from './sample-rows.js';

export interface SampleDialect {
  readonly quote: (name: string) => string;
  readonly literal: (column: Column, i: number) => string | undefined;
  readonly run: (sql: string) => Promise<void>;
  readonly count: (sql: string) => Promise<number>;
}

const str = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function mysqlLiteral(column: Column, i: number): string | undefined {
  const n = i + 1;
  const t = column.type;
  if (/^(tinyint|smallint|mediumint|int|bigint|decimal|float|double|year)\b/.test(t)) return /^year/.test(t) ? `${2020 + n}` : `${n}`;
  const length = /^(varchar|char|varbinary|binary)\((\d+)\)/.exec(t);
  if (length) return str(`s${n}`.slice(0, Number(length[2])));
  if (/^(tinytext|text|mediumtext|longtext|tinyblob|blob|mediumblob|longblob)$/.test(t)) return str(`sample ${n}`);
  const list = /^(enum|set)\('((?:[^']|'')*)'/.exec(t);
  if (list) return str((list[2] as string).replace(/''/g, "'"));
  if (t === 'json') return str(`{"n": ${n}}`);
  if (t === 'date') return str(`2020-01-0${n}`);
  if (/^(datetime|timestamp)/.test(t)) return str(`2020-01-0${n} 12:00:00`);
  if (/^time/.test(t)) return str(`12:00:0${n}`);
  if (/^bit/.test(t)) return `b'${i % 2}'`;
  if (t === 'point' || t === 'geometry') return `POINT(${n}, ${n})`;
  return undefined;
}

/** SQLite's type affinity (https://www.sqlite.org/datatype3.html#determination_of_column_affinity). */
export function sqliteLiteral(column: Column, i: number): string | undefined {
  const n = i + 1;
  const t = column.type.toUpperCase();
  if (t.includes('INT')) return `${n}`;
  if (/CHAR|CLOB|TEXT/.test(t)) return str(`sample ${n}`);
  if (/REAL|FLOA|DOUB/.test(t)) return `${n}.5`;
  if (t === '' || t.includes('BLOB')) return `X'0${n}'`;
  if (/DATE|TIME/.test(t)) return str(`2020-01-0${n} 12:00:00`);
  return `${n}`;
}

export async function insertSampleRowsSql(schema: Schema, dialect: SampleDialect, rows = 3): Promise<SampleResult> {
  return fillTables(fillOrder(schema), rows, (key, i) => insertSql(schema.tables[key] as Table, dialect, i), dialect.run);
}

function insertSql(table: Table, d: SampleDialect, i: number): string | undefined {
  const references = new Map<string, string | null>();
  for (const c of sortedValues(table.constraints)) {
    if (c.kind !== 'foreign_key' || !c.references) continue;
    const ref = c.references;
    c.columns.forEach((col, n) => {
      // A row cannot read its own table while it is inserted (MySQL refuses): a self-reference stays NULL.
      references.set(col, ref.table === table.name ? null : `(SELECT ${d.quote(ref.columns[n] as string)} FROM ${d.quote(ref.table)} ORDER BY 1 LIMIT 1 OFFSET ${i})`);
    });
  }
  const names: string[] = [];
  const values: string[] = [];
  for (const column of table.columns) {
    if (column.generated !== undefined || column.extra?.autoIncrement === 'true' || column.extra?.autoincrement === 'true') continue;
    const reference = references.get(column.name);
    if (reference === null) {
      if (column.notNull) return undefined;
      continue;
    }
    if (column.default !== undefined && reference === undefined) continue;
    const value = reference ?? d.literal(column, i);
    if (value === undefined) {
      if (column.notNull) return undefined;
      continue;
    }
    names.push(d.quote(column.name));
    values.push(value);
  }
  if (names.length === 0) return undefined;
  return `INSERT INTO ${d.quote(table.name)} (${names.join(', ')}) VALUES (${values.join(', ')})`;
}

export async function countRowsSql(schema: Schema, d: Pick<SampleDialect, 'quote' | 'count'>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const key of Object.keys(schema.tables).sort(compareText)) {
    const n = await d.count(`SELECT count(*) AS n FROM ${d.quote((schema.tables[key] as Table).name)}`).catch(() => undefined);
    if (n !== undefined) counts.set(key, n);
  }
  return counts;
}
