/** CREATE INDEX on plain columns: PostgreSQL's generated name, keys and `pg_get_indexdef` text. */
import type { Index } from '../../../core/model.js';
import { qualifiedName, quoteIdent } from '../../../dialects/postgres/quote.js';
import { scopeOf } from './columns.js';
import { enumKey, renderCondition } from './expressions.js';
import { needsDatabase } from './fallback.js';
import { makeObjectName, nameAddition } from './names.js';
import type { TextCatalog } from './state.js';

type Node = Record<string, any>;

/** Types with a default btree operator class (an index on anything else needs one named). */
const BTREE_TYPES = /^(smallint|integer|bigint|numeric(\(.*\))?|real|double precision|text|character varying(\(\d+\))?|character\(\d+\)|boolean|date|timestamp(\(\d\))? with(out)? time zone|time(\(\d\))? with(out)? time zone|interval|uuid|jsonb|bytea|inet|cidr|macaddr|macaddr8|money|oid|bit(\(\d+\))?|bit varying(\(\d+\))?)(\[\])?$/;

export function createIndex(catalog: TextCatalog, stmt: Node): void {
  if (stmt.options || stmt.tableSpace || stmt.excludeOpNames || stmt.primary || stmt.isconstraint || stmt.relation?.inh === false) needsDatabase('an index option');
  const method = String(stmt.accessMethod ?? 'btree');
  if (method !== 'btree') needsDatabase(`index method ${method}`);
  const table = catalog.table(stmt.relation.schemaname, String(stmt.relation.relname));
  const keys = (stmt.indexParams as Node[]).map((p) => indexElement(p.IndexElem));
  const include = ((stmt.indexIncludingParams ?? []) as Node[]).map((p) => indexElement(p.IndexElem));
  for (const part of [...keys, ...include]) {
    const type = table.columns.find((c) => c.name === part.column)?.type;
    if (type === undefined) needsDatabase(`column ${part.column} is not known here`);
    if (!BTREE_TYPES.test(type) && !catalog.enums.has(enumKey(type.replace(/\[\]$/, '')))) needsDatabase(`a btree index on ${type}`);
  }
  const columns = [...keys, ...include].map((k) => k.column);
  if (new Set(columns).size !== columns.length) needsDatabase('a column indexed twice');
  const name = stmt.idxname ? String(stmt.idxname) : makeObjectName(table.name, nameAddition(columns), 'idx');
  if (catalog.isRelationName(table.schema, name)) {
    if (stmt.if_not_exists && stmt.idxname) return;
    needsDatabase(`the name ${name} is taken`);
  }
  if (!stmt.idxname) catalog.assertFreeName(table.schema, name, true);
  catalog.claimRelation(table.schema, name);
  const where = stmt.whereClause ? renderCondition(stmt.whereClause, { ...scopeOf(catalog, table), noteColumn: undefined, noteType: undefined }) : undefined;
  const keyText = keys.map((k) => `${quoteIdent(k.column)}${k.suffix}`).join(', ');
  const definition =
    `CREATE ${stmt.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(name)} ON ${qualifiedName(table.schema, table.name)} USING btree (${keyText})` +
    `${include.length > 0 ? ` INCLUDE (${include.map((k) => quoteIdent(k.column)).join(', ')})` : ''}` +
    `${stmt.nulls_not_distinct ? ' NULLS NOT DISTINCT' : ''}${where ? ` WHERE ${where}` : ''}`;
  const index: Record<string, unknown> = { name, unique: Boolean(stmt.unique), method, keys: keys.map((k) => quoteIdent(k.column)) };
  if (include.length > 0) index.include = include.map((k) => quoteIdent(k.column));
  if (where) index.where = where;
  index.definition = definition;
  table.indexes.set(name, index as unknown as Index);
}

function indexElement(e: Node): { column: string; suffix: string } {
  if (!e?.name || e.expr || e.collation || e.opclass || e.opclassopts || e.indexcolname) needsDatabase('an index expression or operator class');
  const desc = e.ordering === 'SORTBY_DESC';
  if (e.ordering === 'SORTBY_USING') needsDatabase('ORDER BY USING');
  const nulls = e.nulls_ordering === 'SORTBY_NULLS_FIRST' ? 'first' : e.nulls_ordering === 'SORTBY_NULLS_LAST' ? 'last' : 'default';
  // NULLS LAST is the default ascending, NULLS FIRST descending; only the other is printed.
  const nullsText = nulls === 'first' && !desc ? ' NULLS FIRST' : nulls === 'last' && desc ? ' NULLS LAST' : '';
  return { column: String(e.name), suffix: `${desc ? ' DESC' : ''}${nullsText}` };
}
