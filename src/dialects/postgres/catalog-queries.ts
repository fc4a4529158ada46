/**
 * Read-only catalog queries. They run with `search_path = ''`, so every name PostgreSQL renders
 * (types, defaults, view and index definitions) comes out schema-qualified and means the same thing
 * whatever the reader's search path. They work on PostgreSQL 13 and later (the server is 15, PGlite 18).
 */

const USER_SCHEMA = (column: string) =>
  `${column} not in ('pg_catalog', 'information_schema') and ${column} !~ '^pg_(toast|temp_|toast_temp_)'`;

/** Objects created by an extension belong to it, not to the user's schema. */
const NOT_EXTENSION_MEMBER = (catalog: string, oid: string) =>
  `not exists (select 1 from pg_catalog.pg_depend e where e.classid = '${catalog}'::regclass and e.objid = ${oid} and e.deptype = 'e')`;

/** Grants as JSON, the owner's own privileges left out (ownership is not part of the model). */
const GRANTS = (acl: string, owner: string) => `(
  select coalesce(json_agg(json_build_object(
      'grantee', case when a.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee)::text end,
      'privilege', a.privilege_type, 'grantable', a.is_grantable)
    order by case when a.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee)::text end, a.privilege_type), '[]')
  from pg_catalog.aclexplode(${acl}) a where a.grantee <> ${owner})`;

const COLLATION_NAME = (oid: string) =>
  `(select pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
     from pg_catalog.pg_collation co join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace where co.oid = ${oid})`;

export const NAMESPACES = `
select n.oid::int8 as oid, n.nspname as name, pg_catalog.obj_description(n.oid, 'pg_namespace') as comment,
  ${GRANTS(`coalesce(n.nspacl, pg_catalog.acldefault('n', n.nspowner))`, 'n.nspowner')} as grants
from pg_catalog.pg_namespace n
where ${USER_SCHEMA('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_namespace', 'n.oid')}`;

export const EXTENSIONS = `
select e.oid::int8 as oid, e.extname as name, n.nspname as schema, e.extversion as version
from pg_catalog.pg_extension e join pg_catalog.pg_namespace n on n.oid = e.extnamespace
where e.extname <> 'plpgsql'`;

/** Read through to_jsonb: the locale columns were renamed between versions (colliculocale → colllocale). */
export const COLLATIONS = `
select c.oid::int8 as oid, n.nspname as schema, c.collname as name, c.collprovider as provider,
  c.collisdeterministic as deterministic,
  pg_catalog.to_jsonb(c) ->> 'collcollate' as lc_collate, pg_catalog.to_jsonb(c) ->> 'collctype' as lc_ctype,
  coalesce(pg_catalog.to_jsonb(c) ->> 'colllocale', pg_catalog.to_jsonb(c) ->> 'colliculocale') as locale,
  pg_catalog.to_jsonb(c) ->> 'collicurules' as rules,
  pg_catalog.obj_description(c.oid, 'pg_collation') as comment
from pg_catalog.pg_collation c join pg_catalog.pg_namespace n on n.oid = c.collnamespace
where c.oid >= 16384 and ${USER_SCHEMA('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_collation', 'c.oid')}`;

export const TYPES = `
select t.oid::int8 as oid, n.nspname as schema, t.typname as name, t.typtype as kind,
  t.typrelid::int8 as relid, pg_catalog.obj_description(t.oid, 'pg_type') as comment,
  case when t.typtype = 'e' then (select array_agg(e.enumlabel::text order by e.enumsortorder)
    from pg_catalog.pg_enum e where e.enumtypid = t.oid) end as labels,
  case when t.typtype = 'd' then pg_catalog.format_type(t.typbasetype, t.typtypmod) end as base_type,
  t.typnotnull as not_null, pg_catalog.pg_get_expr(t.typdefaultbin, 0) as default_expr,
  case when t.typtype = 'd' and t.typcollation <> 0 and t.typcollation <>
    (select bt.typcollation from pg_catalog.pg_type bt where bt.oid = t.typbasetype) then ${COLLATION_NAME('t.typcollation')} end as collation
from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
where t.typtype in ('e', 'd', 'c', 'r', 'm')
  and (t.typtype <> 'c' or (select c.relkind from pg_catalog.pg_class c where c.oid = t.typrelid) = 'c')
  and ${USER_SCHEMA('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_type', 't.oid')}`;

/** Array types point at their element, so a dependency on `mood[]` is a dependency on `mood`. */
export const ARRAY_TYPES = `
select t.oid::int8 as oid, t.typelem::int8 as elem from pg_catalog.pg_type t
where t.typelem <> 0 and t.typcategory = 'A' and t.oid >= 16384`;

export const DOMAIN_CONSTRAINTS = `
select co.contypid::int8 as typid, co.conname as name, pg_catalog.pg_get_constraintdef(co.oid) as def
from pg_catalog.pg_constraint co where co.contypid <> 0 and co.contype = 'c'`;

export const SEQUENCES = `
select c.oid::int8 as oid, n.nspname as schema, c.relname as name, pg_catalog.format_type(s.seqtypid, null) as data_type,
  s.seqstart::text as start, s.seqincrement::text as increment, s.seqmin::text as min, s.seqmax::text as max,
  s.seqcache::text as cache, s.seqcycle as cycle, pg_catalog.obj_description(c.oid, 'pg_class') as comment,
  (select tn.nspname || '.' || tc.relname || '.' || a.attname
     from pg_catalog.pg_depend d join pg_catalog.pg_class tc on tc.oid = d.refobjid
     join pg_catalog.pg_namespace tn on tn.oid = tc.relnamespace
     join pg_catalog.pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
    where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.refclassid = 'pg_class'::regclass and d.deptype = 'a') as owned_by,
  exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'i') as identity,
  ${GRANTS(`coalesce(c.relacl, pg_catalog.acldefault('s', c.relowner))`, 'c.relowner')} as grants
from pg_catalog.pg_class c join pg_catalog.pg_sequence s on s.seqrelid = c.oid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'S' and ${USER_SCHEMA('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`;

export const RELATIONS = `
select c.oid::int8 as oid, n.nspname as schema, c.relname as name, c.relkind as kind,
  c.relpersistence as persistence, c.reloptions::text[] as options,
  c.relrowsecurity as rls, c.relforcerowsecurity as force_rls, c.relispartition as is_partition,
  case when c.relispartition then pg_catalog.pg_get_expr(c.relpartbound, c.oid) end as bound,
  case when c.relkind = 'p' then pg_catalog.pg_get_partkeydef(c.oid) end as partition_by,
  (select array_agg(pn.nspname || '.' || p.relname order by i.inhseqno) from pg_catalog.pg_inherits i
     join pg_catalog.pg_class p on p.oid = i.inhparent join pg_catalog.pg_namespace pn on pn.oid = p.relnamespace
    where i.inhrelid = c.oid) as parents,
  case when c.relkind in ('v', 'm') then pg_catalog.pg_get_viewdef(c.oid) end as view_def,
  pg_catalog.obj_description(c.oid, 'pg_class') as comment,
  ${GRANTS(`coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))`, 'c.relowner')} as grants
from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'v', 'm', 'f') and ${USER_SCHEMA('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`;

export const COLUMNS = `
select a.attrelid::int8 as relid, a.attnum as num, a.attname as name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
  case when a.attgenerated = '' then pg_catalog.pg_get_expr(d.adbin, d.adrelid) end as default_expr,
  case when a.attgenerated <> '' then pg_catalog.pg_get_expr(d.adbin, d.adrelid) end as generated,
  a.attgenerated as generated_kind, a.attidentity as identity, a.attislocal as is_local,
  case when a.attcollation <> 0 and a.attcollation <> t.typcollation then ${COLLATION_NAME('a.attcollation')} end as collation,
  pg_catalog.col_description(a.attrelid, a.attnum) as comment,
  ${GRANTS('a.attacl', 'c.relowner')} as grants
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_type t on t.oid = a.atttypid
left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c')
  and ${USER_SCHEMA('n.nspname')}
order by a.attrelid, a.attnum`;

export const IDENTITY_SEQUENCES = `
select d.refobjid::int8 as relid, d.refobjsubid as num, pg_catalog.format_type(s.seqtypid, null) as data_type,
  s.seqstart::text as start, s.seqincrement::text as increment, s.seqmin::text as min, s.seqmax::text as max,
  s.seqcache::text as cache, s.seqcycle as cycle
from pg_catalog.pg_depend d join pg_catalog.pg_sequence s on s.seqrelid = d.objid
where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass and d.deptype = 'i'`;

export const CONSTRAINTS = `
select co.oid::int8 as oid, co.conrelid::int8 as relid, co.conname as name, co.contype as kind,
  pg_catalog.pg_get_constraintdef(co.oid) as def,
  (select array_agg(a.attname::text order by k.ord) from unnest(co.conkey) with ordinality k(attnum, ord)
     join pg_catalog.pg_attribute a on a.attrelid = co.conrelid and a.attnum = k.attnum) as columns,
  (select fn.nspname || '.' || fc.relname from pg_catalog.pg_class fc
     join pg_catalog.pg_namespace fn on fn.oid = fc.relnamespace where fc.oid = co.confrelid) as ref_table,
  (select array_agg(a.attname::text order by k.ord) from unnest(co.confkey) with ordinality k(attnum, ord)
     join pg_catalog.pg_attribute a on a.attrelid = co.confrelid and a.attnum = k.attnum) as ref_columns,
  co.confupdtype as on_update, co.confdeltype as on_delete, co.confmatchtype as match,
  co.condeferrable as deferrable, co.condeferred as deferred, co.convalidated as validated,
  pg_catalog.obj_description(co.oid, 'pg_constraint') as comment
from pg_catalog.pg_constraint co
join pg_catalog.pg_class c on c.oid = co.conrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where co.contype in ('p', 'u', 'c', 'f', 'x') and co.conparentid = 0 and co.conislocal
  and ${USER_SCHEMA('n.nspname')}`;

export const INDEXES = `
select i.indexrelid::int8 as oid, i.indrelid::int8 as relid, ic.relname as name,
  pg_catalog.pg_get_indexdef(i.indexrelid) as def, i.indisunique as is_unique, am.amname as method,
  (select array_agg(pg_catalog.pg_get_indexdef(i.indexrelid, k::int, false) order by k)
     from generate_series(1, i.indnkeyatts) k) as keys,
  (select array_agg(pg_catalog.pg_get_indexdef(i.indexrelid, k::int, false) order by k)
     from generate_series(i.indnkeyatts + 1, i.indnatts) k) as include,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid) as predicate,
  pg_catalog.obj_description(i.indexrelid, 'pg_class') as comment,
  exists (select 1 from pg_catalog.pg_constraint co where co.conindid = i.indexrelid
    and co.conrelid = i.indrelid and co.contype in ('p', 'u', 'x')) as constraint_backed,
  exists (select 1 from pg_catalog.pg_inherits h where h.inhrelid = i.indexrelid) as inherited
from pg_catalog.pg_index i
join pg_catalog.pg_class ic on ic.oid = i.indexrelid
join pg_catalog.pg_am am on am.oid = ic.relam
join pg_catalog.pg_class c on c.oid = i.indrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'm') and ${USER_SCHEMA('n.nspname')}`;

export const TRIGGERS = `
select t.oid::int8 as oid, t.tgrelid::int8 as relid, t.tgname as name, pg_catalog.pg_get_triggerdef(t.oid) as def,
  t.tgenabled as enabled, t.tgfoid::regprocedure::text as function,
  pg_catalog.obj_description(t.oid, 'pg_trigger') as comment
from pg_catalog.pg_trigger t
join pg_catalog.pg_class c on c.oid = t.tgrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where not t.tgisinternal and t.tgparentid = 0 and ${USER_SCHEMA('n.nspname')}`;

export const POLICIES = `
select p.oid::int8 as oid, p.polrelid::int8 as relid, p.polname as name, p.polcmd as command, p.polpermissive as permissive,
  (select array_agg(case when r = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(r)::text end order by 1)
     from unnest(p.polroles) r) as roles,
  pg_catalog.pg_get_expr(p.polqual, p.polrelid) as using_expr,
  pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as check_expr
from pg_catalog.pg_policy p`;

export const ROUTINES = `
select p.oid::int8 as oid, n.nspname as schema, p.proname as name, p.prokind as kind,
  pg_catalog.pg_get_function_identity_arguments(p.oid) as args,
  pg_catalog.pg_get_function_result(p.oid) as returns, l.lanname as language,
  case when p.prokind in ('f', 'p', 'w') then pg_catalog.pg_get_functiondef(p.oid) end as def,
  pg_catalog.obj_description(p.oid, 'pg_proc') as comment,
  ${GRANTS(`coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))`, 'p.proowner')} as grants
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
join pg_catalog.pg_language l on l.oid = p.prolang
where ${USER_SCHEMA('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}`;

/** Where rewrite rules, defaults and policies live, to fold their dependencies onto their owner. */
export const OWNERS = `
select 'pg_rewrite' as catalog, r.oid::int8 as oid, r.ev_class::int8 as relid, 0 as num, r.rulename::text as name
  from pg_catalog.pg_rewrite r where r.oid >= 16384
union all
select 'pg_attrdef', d.oid::int8, d.adrelid::int8, d.adnum, null from pg_catalog.pg_attrdef d where d.oid >= 16384
union all
select 'pg_constraint', co.oid::int8, co.conrelid::int8, 0, null from pg_catalog.pg_constraint co where co.oid >= 16384 and co.conrelid <> 0
union all
select 'pg_constraint', co.oid::int8, -co.contypid::int8, 0, null from pg_catalog.pg_constraint co where co.oid >= 16384 and co.contypid <> 0
union all
select 'pg_trigger', t.oid::int8, t.tgrelid::int8, 0, null from pg_catalog.pg_trigger t where t.oid >= 16384
union all
select 'pg_policy', p.oid::int8, p.polrelid::int8, 0, null from pg_catalog.pg_policy p where p.oid >= 16384
union all
select 'pg_index', i.indexrelid::int8, i.indrelid::int8, 0, null from pg_catalog.pg_index i where i.indexrelid >= 16384`;

export const DEPENDENCIES = `
select d.classid::regclass::text as catalog, d.objid::int8 as objid, d.objsubid as subid,
  d.refclassid::regclass::text as ref_catalog, d.refobjid::int8 as ref_objid, d.refobjsubid as ref_subid
from pg_catalog.pg_depend d
where d.deptype = 'n' and d.objid >= 16384 and d.refobjid >= 16384`;

/** Objects the model does not represent yet: counted so they are reported, never dropped silently. */
export const UNSUPPORTED = `
select 'rule' as kind, n.nspname || '.' || c.relname || '.' || r.rulename as name from pg_catalog.pg_rewrite r
  join pg_catalog.pg_class c on c.oid = r.ev_class join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where r.rulename <> '_RETURN' and ${USER_SCHEMA('n.nspname')}
union all select 'event_trigger', evtname from pg_catalog.pg_event_trigger
union all select 'publication', pubname from pg_catalog.pg_publication
union all select 'cast', format_type(castsource, null) || ' AS ' || format_type(casttarget, null) from pg_catalog.pg_cast
  where oid >= 16384 and ${NOT_EXTENSION_MEMBER('pg_cast', 'oid')}
union all select 'operator', n.nspname || '.' || o.oprname from pg_catalog.pg_operator o
  join pg_catalog.pg_namespace n on n.oid = o.oprnamespace where o.oid >= 16384 and ${NOT_EXTENSION_MEMBER('pg_operator', 'o.oid')}
union all select 'text_search_configuration', n.nspname || '.' || c.cfgname from pg_catalog.pg_ts_config c
  join pg_catalog.pg_namespace n on n.oid = c.cfgnamespace where c.oid >= 16384 and ${NOT_EXTENSION_MEMBER('pg_ts_config', 'c.oid')}
union all select 'statistics', n.nspname || '.' || s.stxname from pg_catalog.pg_statistic_ext s
  join pg_catalog.pg_namespace n on n.oid = s.stxnamespace where ${USER_SCHEMA('n.nspname')}
union all select 'foreign_server', srvname from pg_catalog.pg_foreign_server
union all select 'default_privileges', coalesce(n.nspname, '*') || ' ' || d.defaclobjtype::text from pg_catalog.pg_default_acl d
  left join pg_catalog.pg_namespace n on n.oid = d.defaclnamespace`;
