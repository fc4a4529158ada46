/**
 * Folds `pg_depend` rows onto model objects: `table:s.t`, `column:s.t.c`, `view:s.v`, `type:s.t`,
 * `sequence:s.q`, `routine:s.f(args)`, `schema:s`, `extension:e`. The planner orders steps with them
 * (create what is needed first, drop dependents first, recreate views around altered columns).
 */
import { compareText } from '../../core/model.js';

type Row = Record<string, any>;

export interface CatalogObjects {
  readonly rows: Record<string, Row[]>;
  readonly relationKeys: ReadonlyMap<string, string>;
  readonly routineKey: (row: Row) => string;
}

const RELATION_PREFIX: Record<string, string> = { r: 'table', p: 'table', v: 'view', m: 'view', f: 'table', S: 'sequence' };

export function resolveDependencies(objects: CatalogObjects): Record<string, string[]> {
  const resolve = keyResolver(objects);
  const edges = new Map<string, Set<string>>();
  for (const d of objects.rows.dependencies ?? []) {
    const from = resolve(d.catalog, String(d.objid), 0);
    if (!from) continue;
    for (const to of refKeys(resolve, d)) {
      // Every object needs its schema; that is implied by its key, and the oid of a schema varies.
      if (to === from || to.startsWith('schema:')) continue;
      let set = edges.get(from);
      if (!set) edges.set(from, (set = new Set()));
      set.add(to);
    }
  }
  const out: Record<string, string[]> = {};
  for (const key of [...edges.keys()].sort(compareText)) out[key] = [...(edges.get(key) ?? [])].sort(compareText);
  return out;
}

/** A dependency on a column is also one on its table, so both are recorded. */
function refKeys(resolve: Resolver, d: Row): string[] {
  const table = resolve(d.ref_catalog, String(d.ref_objid), 0);
  if (!table) return [];
  const column = Number(d.ref_subid) > 0 ? resolve(d.ref_catalog, String(d.ref_objid), Number(d.ref_subid)) : undefined;
  return column && column !== table ? [table, column] : [table];
}

type Resolver = (catalog: string, oid: string, subid: number) => string | undefined;

function keyResolver(objects: CatalogObjects): Resolver {
  const { rows } = objects;
  const relations = new Map<string, string>();
  for (const r of rows.relations ?? []) relations.set(String(r.oid), `${RELATION_PREFIX[r.kind] ?? 'table'}:${r.schema}.${r.name}`);
  for (const s of rows.sequences ?? []) if (!s.identity) relations.set(String(s.oid), `sequence:${s.schema}.${s.name}`);
  const types = new Map<string, string>();
  for (const t of rows.types ?? []) {
    types.set(String(t.oid), `type:${t.schema}.${t.name}`);
    if (t.kind === 'c') relations.set(String(t.relid), `type:${t.schema}.${t.name}`);
  }
  for (const a of rows.arrayTypes ?? []) {
    const elem = types.get(String(a.elem));
    if (elem) types.set(String(a.oid), elem);
  }
  const columnNames = new Map<string, string>();
  for (const c of rows.columns ?? []) columnNames.set(`${c.relid}:${c.num}`, c.name);
  const routines = new Map<string, string>();
  for (const p of rows.routines ?? []) routines.set(String(p.oid), `routine:${objects.routineKey(p)}`);
  const namespaces = new Map<string, string>();
  for (const n of rows.namespaces ?? []) namespaces.set(String(n.oid), `schema:${n.name}`);
  const extensions = new Map<string, string>();
  for (const e of rows.extensions ?? []) extensions.set(String(e.oid), `extension:${e.name}`);
  const collations = new Map<string, string>();
  for (const c of rows.collations ?? []) collations.set(String(c.oid), `collation:${c.schema}.${c.name}`);
  const owners = new Map<string, Row>();
  for (const o of rows.owners ?? []) owners.set(`${o.catalog}:${o.oid}`, o);

  const relation = (oid: string, subid: number): string | undefined => {
    const key = relations.get(oid);
    if (!key || subid <= 0 || !key.startsWith('table:')) return key;
    const column = columnNames.get(`${oid}:${subid}`);
    return column === undefined ? key : `column:${key.slice('table:'.length)}.${column}`;
  };

  return (catalog, oid, subid) => {
    switch (catalog) {
      case 'pg_class':
        return relation(oid, subid) ?? ownerOf('pg_index', oid);
      case 'pg_type':
        return types.get(oid);
      case 'pg_proc':
        return routines.get(oid);
      case 'pg_namespace':
        return namespaces.get(oid);
      case 'pg_extension':
        return extensions.get(oid);
      case 'pg_collation':
        return collations.get(oid);
      case 'pg_rewrite':
      case 'pg_attrdef':
      case 'pg_constraint':
      case 'pg_trigger':
      case 'pg_policy':
        return ownerOf(catalog, oid);
      default:
        return undefined;
    }
  };

  function ownerOf(catalog: string, oid: string): string | undefined {
    const owner = owners.get(`${catalog}:${oid}`);
    if (!owner) return undefined;
    const relid = Number(owner.relid);
    if (relid < 0) return types.get(String(-relid));
    // A default belongs to its table as a whole: the table needs what its defaults call.
    return relation(String(relid), 0);
  }
}
