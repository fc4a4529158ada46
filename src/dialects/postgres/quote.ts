/**
 * Quoting for PostgreSQL identifiers and literals. One rule everywhere: an identifier is quoted
 * unless it is lower-case ASCII and no keyword PostgreSQL reserves in that position (the port of
 * PostgreSQL's own `quote_identifier`).
 */
import { lazyRequire } from '../../core/lazy-require.js';
import { splitQualified } from '../../core/model.js';

const deparser = lazyRequire<typeof import('pgsql-deparser')>('pgsql-deparser');

/** Names repeat across a schema (id, name, created_at, ...): each is quoted once, not looked up again. */
const quoted = new Map<string, string>();

export function quoteIdent(name: string): string {
  let out = quoted.get(name);
  if (out === undefined) {
    out = deparser().QuoteUtils.quoteIdentifier(name) as string;
    if (quoted.size >= 100_000) quoted.clear();
    quoted.set(name, out);
  }
  return out;
}

/** `schema.name` model key → `schema.name` with each part quoted as needed. */
export function quoteQualified(key: string): string {
  const { schema, name } = splitQualified(key);
  return schema ? `${quoteIdent(schema)}.${quoteIdent(name)}` : quoteIdent(name);
}

export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A string literal; standard_conforming_strings is on in every supported version. */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Role names as GRANT and policies take them: PUBLIC is a keyword, not a role. */
export function quoteRole(role: string): string {
  return role === 'PUBLIC' ? 'PUBLIC' : quoteIdent(role);
}

/** The schema part of a model key (`public.t` → `public`). */
export function schemaOf(key: string): string {
  return splitQualified(key).schema;
}
