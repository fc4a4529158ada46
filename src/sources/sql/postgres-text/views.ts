/**
 * Plain views (SELECT of columns and simple expressions from tables joined with ON, optionally
 * filtered by WHERE): the query as `pg_get_viewdef` prints it, the output columns with their types,
 * and the tables and columns the view reads.
 */
import type { View } from '../../../core/model.js';
import { qualify } from '../../../core/model.js';
import { quoteIdent, quoteQualified } from '../../../dialects/postgres/quote.js';
import { enumKey, renderCondition, typed, type ExpressionScope, type Typed } from './expressions.js';
import { needsDatabase } from './fallback.js';
import type { TextCatalog } from './state.js';

type Node = Record<string, any>;

interface Relation {
  /** What the query calls it: its alias, or its name. */
  readonly ref: string;
  readonly key: string;
  readonly alias?: string;
  readonly kind: 'table' | 'view';
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

const JOINS: Record<string, string> = { JOIN_INNER: 'JOIN', JOIN_LEFT: 'LEFT JOIN', JOIN_RIGHT: 'RIGHT JOIN', JOIN_FULL: 'FULL JOIN' };

export function createView(catalog: TextCatalog, stmt: Node): void {
  if (stmt.aliases || stmt.options || (stmt.withCheckOption && stmt.withCheckOption !== 'NO_CHECK_OPTION') || stmt.view.relpersistence !== 'p') {
    needsDatabase('a view option');
  }
  const schema = catalog.schemaFor(stmt.view.schemaname);
  const name = String(stmt.view.relname);
  const key = qualify(schema, name);
  if (catalog.views.has(key)) {
    if (!stmt.replace) needsDatabase(`view ${key} exists`);
    needsDatabase('CREATE OR REPLACE of a view the text created');
  }
  if (catalog.enums.has(key)) needsDatabase(`type ${key} exists`);
  const select = stmt.query?.SelectStmt as Node | undefined;
  if (!select) needsDatabase('a view query other than SELECT');
  const reading = readSelect(catalog, select);
  catalog.claimRelation(schema, name);
  catalog.views.set(key, {
    schema,
    name,
    materialized: false,
    definition: reading.definition,
    columns: reading.columns.map((c) => c.name),
    columnTypes: reading.columns.map((c) => c.type),
    indexes: {},
  } as View);
  if (reading.needs.size > 0) catalog.viewNeeds.set(key, reading.needs);
}

interface Reading {
  readonly definition: string;
  readonly columns: { name: string; type: string }[];
  readonly needs: Set<string>;
}

function readSelect(catalog: TextCatalog, s: Node): Reading {
  const unsupported = ['distinctClause', 'intoClause', 'groupClause', 'groupDistinct', 'havingClause', 'windowClause', 'valuesLists', 'sortClause', 'limitOffset', 'limitCount', 'lockingClause', 'withClause', 'larg', 'rarg'];
  if (unsupported.some((k) => s[k] !== undefined) || (s.op && s.op !== 'SETOP_NONE')) needsDatabase('a view query beyond SELECT … FROM … WHERE');
  const from = (s.fromClause ?? []) as Node[];
  if (from.length !== 1) needsDatabase('a view reading other than one FROM item');
  const relations: Relation[] = [];
  const needs = new Set<string>();
  collectRelations(catalog, from[0] as Node, relations);
  if (new Set(relations.map((r) => r.ref)).size !== relations.length) needsDatabase('two relations under one name');
  const qualified = relations.length > 1;
  for (const r of relations) needs.add(`${r.kind}:${r.key}`);
  const scope = queryScope(catalog, relations, qualified, needs);
  const fromText = fromItem(catalog, from[0] as Node, relations, scope);
  const columns: { name: string; type: string }[] = [];
  const targets: string[] = [];
  for (const t of (s.targetList ?? []) as Node[]) {
    for (const target of targetEntries(t.ResTarget as Node, relations, scope)) {
      if (columns.some((c) => c.name === target.name)) needsDatabase(`view column ${target.name} twice`);
      columns.push({ name: target.name, type: target.value.type === 'unknown' ? needsDatabase('an untyped literal column') : target.value.type });
      targets.push(target.text);
    }
  }
  if (targets.length === 0) needsDatabase('a view without columns');
  // PostgreSQL records the types of the output columns too.
  for (const c of columns) {
    const key = enumKey(c.type.replace(/\[\]$/, ''));
    if (catalog.enums.has(key)) needs.add(`type:${key}`);
  }
  let definition = `SELECT ${targets.join(',\n    ')}\n   FROM ${fromText}`;
  if (s.whereClause) definition += `\n  WHERE ${renderCondition(s.whereClause, scope)}`;
  return { definition: `${definition};`, columns, needs };
}

function collectRelations(catalog: TextCatalog, item: Node, out: Relation[]): void {
  if (item.RangeVar) {
    const rv = item.RangeVar as Node;
    if (rv.inh === false || rv.alias?.colnames) needsDatabase('ONLY or column aliases in FROM');
    const schema = catalog.schemaFor(rv.schemaname);
    const key = qualify(schema, String(rv.relname));
    const table = catalog.tables.get(key);
    const view = catalog.views.get(key);
    if (!table && !view) needsDatabase(`relation ${key} is not known here`);
    if (rv.schemaname === undefined && schema !== 'public') needsDatabase('a relation outside public named without its schema');
    const columns = table ? table.columns.map((c) => ({ name: c.name, type: c.type })) : (view as View).columns.map((name, i) => ({ name, type: (view as View).columnTypes?.[i] ?? needsDatabase('a view column of unknown type') }));
    const alias = rv.alias?.aliasname ? String(rv.alias.aliasname) : undefined;
    out.push({ ref: alias ?? String(rv.relname), key, alias, kind: table ? 'table' : 'view', columns });
    return;
  }
  if (item.JoinExpr) {
    const j = item.JoinExpr as Node;
    if (j.usingClause || j.isNatural || j.alias || j.join_using_alias || !JOINS[String(j.jointype)] || !j.quals) needsDatabase('a join other than JOIN … ON');
    collectRelations(catalog, j.larg, out);
    collectRelations(catalog, j.rarg, out);
    return;
  }
  needsDatabase('a FROM item other than a table or a join');
}

function fromItem(catalog: TextCatalog, item: Node, relations: readonly Relation[], scope: ExpressionScope): string {
  if (item.RangeVar) {
    const rv = item.RangeVar as Node;
    const relation = relations.find((r) => r.key === qualify(catalog.schemaFor(rv.schemaname), String(rv.relname)) && r.ref === (rv.alias?.aliasname ?? rv.relname)) as Relation;
    const name = quoteQualified(relation.key);
    return relation.alias ? `${name} ${quoteIdent(relation.alias)}` : name;
  }
  const j = item.JoinExpr as Node;
  const left = fromItem(catalog, j.larg, relations, scope);
  const right = fromItem(catalog, j.rarg, relations, scope);
  return `(${left}\n     ${JOINS[String(j.jointype)]} ${right} ON (${renderCondition(j.quals, scope)}))`;
}

function queryScope(catalog: TextCatalog, relations: readonly Relation[], qualified: boolean, needs: Set<string>): ExpressionScope {
  return {
    userType: (schema, name) => catalog.userType(schema, name),
    columnType: () => undefined,
    enumLabels: (key) => catalog.enums.get(key)?.labels,
    noteType: (key) => needs.add(`type:${key}`),
    resolveColumn: (fields) => {
      const hit = findColumn(relations, fields);
      if (hit.relation.kind === 'table') needs.add(`column:${hit.relation.key}.${hit.name}`);
      const text = qualified ? `${quoteIdent(hit.relation.ref)}.${quoteIdent(hit.name)}` : quoteIdent(hit.name);
      return { text, type: hit.type };
    },
  };
}

function findColumn(relations: readonly Relation[], fields: readonly string[]): { relation: Relation; name: string; type: string } {
  if (fields.length > 2) needsDatabase('a schema-qualified column reference');
  const name = fields.at(-1) as string;
  const candidates = fields.length === 2 ? relations.filter((r) => r.ref === fields[0]) : relations;
  const hits = candidates.flatMap((relation) => relation.columns.filter((c) => c.name === name).map((c) => ({ relation, name, type: c.type })));
  if (hits.length !== 1) needsDatabase(`column reference ${fields.join('.')} is ${hits.length === 0 ? 'unknown' : 'ambiguous'}`);
  return hits[0] as { relation: Relation; name: string; type: string };
}

/** One target, or the columns a `*` stands for. */
function targetEntries(target: Node, relations: readonly Relation[], scope: ExpressionScope): { name: string; text: string; value: Typed }[] {
  const val = target.val as Node;
  const fields = (val.ColumnRef?.fields ?? []) as Node[];
  if (fields.some((f) => f.A_Star)) {
    if (target.name) needsDatabase('an alias on *');
    const of = fields.length === 2 ? relations.filter((r) => r.ref === String(fields[0]?.String?.sval)) : fields.length === 1 ? relations : needsDatabase('a qualified *');
    if (of.length === 0) needsDatabase('* of an unknown relation');
    return of.flatMap((r) =>
      r.columns.map((c) => {
        const value = scope.resolveColumn?.([r.ref, c.name]) as Typed;
        return { name: c.name, text: value.text, value };
      }),
    );
  }
  const value = typed(val, scope);
  const implicitName = val.ColumnRef ? String(fields.at(-1)?.String?.sval) : val.FuncCall ? String(val.FuncCall.funcname.at(-1).String.sval) : undefined;
  const name = target.name ? String(target.name) : implicitName ?? needsDatabase('an expression column without a name');
  const text = val.ColumnRef && name === implicitName ? value.text : `${value.text} AS ${quoteIdent(name)}`;
  return [{ name, text, value }];
}
