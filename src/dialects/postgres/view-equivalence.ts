/**
 * Whether two view queries, as two PostgreSQL versions print them, are the same query. PostgreSQL
 * 16 stopped qualifying columns in a SELECT that reads a single relation (`SELECT id FROM t`, where
 * 15 printed `SELECT t.id FROM t`); both forms are brought to the unqualified one and compared as
 * parse trees without positions.
 */
import { libpgQuery } from './parser.js';

const cache = new Map<string, string | undefined>();

export function sameViewQuery(a: string, b: string): boolean {
  if (a === b) return true;
  const x = canonicalQuery(a);
  return x !== undefined && x === canonicalQuery(b);
}

/** Requires the parser module to be loaded (`loadPostgresParser()`), as every PostgreSQL load does. */
function canonicalQuery(sql: string): string | undefined {
  if (cache.has(sql)) return cache.get(sql);
  let canonical: string | undefined;
  try {
    canonical = JSON.stringify(strip(libpgQuery().parseSync(sql), []));
  } catch {
    canonical = undefined;
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(sql, canonical);
  return canonical;
}

function strip(node: unknown, scopes: readonly (string | undefined)[]): unknown {
  if (Array.isArray(node)) return node.map((item) => strip(item, scopes));
  if (!node || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  if (record.SelectStmt) return { SelectStmt: strip(record.SelectStmt, [...scopes, soleRelation(record.SelectStmt)]) };
  if (record.ColumnRef) return { ColumnRef: unqualified(record.ColumnRef as { fields?: unknown[] }, scopes.at(-1)) };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (key !== 'location' && key !== 'stmt_location' && key !== 'stmt_len') out[key] = strip(value, scopes);
  return out;
}

/** The name columns of a SELECT reading one plain relation may be qualified with. */
function soleRelation(select: unknown): string | undefined {
  const from = (select as { fromClause?: { RangeVar?: { relname?: string; alias?: { aliasname?: string } } }[] }).fromClause;
  if (!from || from.length !== 1 || !from[0]?.RangeVar) return undefined;
  const range = from[0].RangeVar;
  return range.alias?.aliasname ?? range.relname;
}

function unqualified(ref: { fields?: unknown[] }, relation: string | undefined): unknown {
  const fields = ref.fields ?? [];
  const first = (fields[0] as { String?: { sval?: string } } | undefined)?.String?.sval;
  const kept = relation !== undefined && fields.length === 2 && first === relation ? fields.slice(1) : fields;
  return { fields: strip(kept, []) };
}
