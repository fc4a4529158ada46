/**
 * A few rows per table that respect types, NOT NULL, enums and foreign keys, so a migration is proven
 * on data and not only on empty tables. Best effort: a table whose rows the database refuses is
 * reported, not guessed at further.
 */
import type { Column, Schema, Table } from '../core/model.js';
import { compareText, qualify } from '../core/model.js';
import type { SqlClient } from '../dialects/postgres/client.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../dialects/postgres/quote.js';

export interface SampleResult {
  readonly filled: readonly string[];
  readonly skipped: readonly { readonly table: string; readonly reason: string }[];
}

export async function insertSampleRows(client: SqlClient, schema: Schema, rows = 3): Promise<SampleResult> {
  // A partition is filled through its parent.
  const keys = fillOrder(schema).filter((key) => !schema.tables[key]?.partitioning?.of);
  return fillTables(keys, rows, (key, i) => insertSql(key, schema.tables[key] as Table, schema, i), (sql) => client.exec(sql));
}

/** Up to `rows` inserts per table, in order; a table whose rows are all refused is reported with the reason. */
export async function fillTables(keys: readonly string[], rows: number, sqlFor: (key: string, i: number) => string | undefined, run: (sql: string) => Promise<void>): Promise<SampleResult> {
  const filled: string[] = [];
  const skipped: { table: string; reason: string }[] = [];
  for (const key of keys) {
    let inserted = 0;
    let reason = '';
    for (let i = 0; i < rows; i++) {
      const sql = sqlFor(key, i);
      if (!sql) {
        reason = 'a NOT NULL column has a type sample rows cannot fill';
        break;
      }
      try {
        await run(sql);
        inserted++;
      } catch (error) {
        reason = (error as Error).message;
      }
    }
    if (inserted > 0) filled.push(key);
    else skipped.push({ table: key, reason: reason || 'no row was accepted' });
  }
  return { filled, skipped };
}

/** Referenced tables first, so foreign keys find a row to point at. */
export function fillOrder(schema: Schema): string[] {
  const keys = Object.keys(schema.tables).sort(compareText);
  const done = new Set<string>();
  const out: string[] = [];
  const visit = (key: string, path: Set<string>) => {
    if (done.has(key) || path.has(key)) return;
    path.add(key);
    const table = schema.tables[key] as Table;
    for (const c of Object.values(table.constraints)) if (c.references && schema.tables[c.references.table]) visit(c.references.table, path);
    if (table.partitioning?.of) visit(table.partitioning.of, path);
    done.add(key);
    out.push(key);
  };
  for (const key of keys) visit(key, new Set());
  return out;
}

function insertSql(key: string, table: Table, schema: Schema, i: number): string | undefined {
  const names: string[] = [];
  const values: string[] = [];
  const fkColumns = new Map<string, string>();
  for (const c of Object.values(table.constraints)) {
    if (c.kind !== 'foreign_key' || !c.references) continue;
    c.columns.forEach((col, n) => {
      const refCol = c.references?.columns[n] as string;
      fkColumns.set(col, `(SELECT ${quoteIdent(refCol)} FROM ${quoteQualified(c.references?.table as string)} ORDER BY 1 OFFSET ${i} LIMIT 1)`);
    });
  }
  for (const column of table.columns) {
    if (column.generated !== undefined || column.identity?.always) continue;
    if ((column.default !== undefined || column.identity) && !fkColumns.has(column.name)) continue;
    const value = fkColumns.get(column.name) ?? sampleValue(column, schema, i);
    if (value === undefined) {
      if (column.notNull) return undefined;
      continue;
    }
    names.push(quoteIdent(column.name));
    values.push(value);
  }
  if (names.length === 0) return `INSERT INTO ${quoteQualified(key)} DEFAULT VALUES`;
  return `INSERT INTO ${quoteQualified(key)} (${names.join(', ')}) VALUES (${values.join(', ')})`;
}

const NUMBER = /^(smallint|integer|bigint|real|double precision|numeric.*)$/;

export function sampleValue(column: Column, schema: Schema, i: number): string | undefined {
  return literalFor(column.type, schema, i);
}

function literalFor(type: string, schema: Schema, i: number): string | undefined {
  if (type.endsWith('[]')) return `'{}'::${type}`;
  const n = i + 1;
  if (NUMBER.test(type)) return `${n}`;
  const length = /^character(?: varying)?\((\d+)\)$/.exec(type);
  if (length) return `${quoteLiteral((Number(length[1]) >= 2 ? `s${n}` : `${n}`).slice(0, Number(length[1])))}::${type}`;
  if (/^(text|character varying|character|bpchar|citext|name)$/.test(type)) return quoteLiteral(`sample ${n}`);
  const simple: Record<string, string> = {
    boolean: i % 2 === 0 ? 'true' : 'false',
    date: `'2020-01-0${n}'::date`,
    'timestamp without time zone': `'2020-01-0${n} 12:00:00'::timestamp`,
    'timestamp with time zone': `'2020-01-0${n} 12:00:00+00'::timestamptz`,
    'time without time zone': `'12:00:0${n}'::time`,
    interval: `'${n} days'::interval`,
    uuid: `'00000000-0000-4000-8000-00000000000${n}'::uuid`,
    json: `'{"n": ${n}}'::json`,
    jsonb: `'{"n": ${n}}'::jsonb`,
    bytea: `'\\x0${n}'::bytea`,
    inet: `'10.0.0.${n}'::inet`,
    cidr: `'10.0.${n}.0/24'::cidr`,
    tsvector: `'sample${n}'::tsvector`,
    money: `${n}::money`,
    xml: `'<n>${n}</n>'::xml`,
  };
  if (simple[type] !== undefined) return simple[type];
  const key = unquoteType(type);
  const enumType = schema.enums[key];
  if (enumType && enumType.labels.length > 0) return `${quoteLiteral(enumType.labels[i % enumType.labels.length] as string)}::${type}`;
  const domain = schema.domains[key];
  if (domain) {
    const base = literalFor(domain.baseType, schema, i);
    return base === undefined ? undefined : `(${base})::${type}`;
  }
  return undefined;
}

/** `public."Mood"` → `public.Mood`, the model's key. */
function unquoteType(type: string): string {
  const parts = type.match(/"(?:[^"]|"")*"|[^.]+/g) ?? [];
  return parts.map((p) => (p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p)).join('.');
}

export async function countRows(client: SqlClient, schema: Schema): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const key of Object.keys(schema.tables).sort(compareText)) {
    const table = schema.tables[key] as Table;
    if (table.partitioning?.of) continue;
    const rows = await client.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${quoteQualified(qualify(table.schema, table.name))}`).catch(() => undefined);
    if (rows) counts.set(key, Number(rows[0]?.n ?? 0));
  }
  return counts;
}
