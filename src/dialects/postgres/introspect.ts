/**
 * Reads a PostgreSQL catalog into the schema model, inside a read-only transaction. The same code
 * reads a live database and a scratch database loaded from SQL text, which is why both give equal
 * models.
 */
import type {
  Collation,
  Column,
  CompositeType,
  Constraint,
  ConstraintKind,
  DomainType,
  EnumType,
  Index,
  Policy,
  Routine,
  Schema,
  Sequence,
  SequenceOptions,
  Table,
  Trigger,
  Unsupported,
  View,
} from '../../core/model.js';
import { qualify, sortedRecord } from '../../core/model.js';
import type { SqlClient } from './client.js';
import { loadPostgresParser } from './parser.js';
import * as Q from './catalog-queries.js';
import { resolveDependencies, type CatalogObjects } from './dependencies.js';

type Row = Record<string, any>;

const FK_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
const FK_MATCH: Record<string, string> = { f: 'FULL', p: 'PARTIAL', s: 'SIMPLE' };
const CONSTRAINT_KINDS: Record<string, ConstraintKind> = {
  p: 'primary_key',
  u: 'unique',
  c: 'check',
  f: 'foreign_key',
  x: 'exclusion',
};
const POLICY_COMMANDS: Record<string, string> = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' };

/** Runs every catalog query in one read-only transaction; nothing is ever written. */
export async function introspectPostgres(client: SqlClient): Promise<Schema> {
  // Comparing view queries across server versions parses them.
  await loadPostgresParser();
  await client.exec('BEGIN TRANSACTION READ ONLY');
  try {
    await client.exec("SET LOCAL search_path = ''");
    const run = (sql: string) => client.query<Row>(sql);
    const rows = {
      namespaces: await run(Q.NAMESPACES),
      extensions: await run(Q.EXTENSIONS),
      collations: await run(Q.COLLATIONS),
      types: await run(Q.TYPES),
      arrayTypes: await run(Q.ARRAY_TYPES),
      domainConstraints: await run(Q.DOMAIN_CONSTRAINTS),
      sequences: await run(Q.SEQUENCES),
      relations: await run(Q.RELATIONS),
      columns: await run(Q.COLUMNS),
      identitySequences: await run(Q.IDENTITY_SEQUENCES),
      constraints: await run(Q.CONSTRAINTS),
      indexes: await run(Q.INDEXES),
      triggers: await run(Q.TRIGGERS),
      policies: await run(Q.POLICIES),
      routines: await run(Q.ROUTINES),
      owners: await run(Q.OWNERS),
      dependencies: await run(Q.DEPENDENCIES),
      unsupported: await run(Q.UNSUPPORTED),
    };
    return assemble(rows);
  } finally {
    await client.exec('ROLLBACK');
  }
}

type CatalogRows = Record<
  | 'namespaces'
  | 'extensions'
  | 'collations'
  | 'types'
  | 'arrayTypes'
  | 'domainConstraints'
  | 'sequences'
  | 'relations'
  | 'columns'
  | 'identitySequences'
  | 'constraints'
  | 'indexes'
  | 'triggers'
  | 'policies'
  | 'routines'
  | 'owners'
  | 'dependencies'
  | 'unsupported',
  Row[]
>;

function assemble(rows: CatalogRows): Schema {
  const relationKeys = new Map<string, string>();
  for (const r of rows.relations) relationKeys.set(String(r.oid), qualify(r.schema, r.name));
  const typeRows = rows.types.filter((t) => t.kind === 'c');
  for (const t of typeRows) relationKeys.set(String(t.relid), qualify(t.schema, t.name));

  const columnsByRel = groupBy(rows.columns, (c) => String(c.relid));
  const identityByColumn = new Map(rows.identitySequences.map((s) => [`${s.relid}:${s.num}`, s]));
  const unsupported: Unsupported[] = rows.unsupported.map((u) => ({
    kind: String(u.kind),
    name: u.name ?? undefined,
    detail: `${u.kind} ${u.name ?? ''} is not represented in the schema model`.trim(),
  }));

  const tables: Record<string, Table> = {};
  const views: Record<string, View> = {};
  const tableMembers = {
    constraints: groupBy(rows.constraints, (c) => String(c.relid)),
    indexes: groupBy(
      rows.indexes.filter((i) => !i.constraint_backed && !i.inherited),
      (i) => String(i.relid),
    ),
    triggers: groupBy(rows.triggers, (t) => String(t.relid)),
    policies: groupBy(rows.policies, (p) => String(p.relid)),
  };
  for (const rel of rows.relations) {
    const key = qualify(rel.schema, rel.name);
    const relid = String(rel.oid);
    const columns = (columnsByRel.get(relid) ?? []).map((c) => toColumn(c, identityByColumn.get(`${c.relid}:${c.num}`)));
    const indexes = toRecord((tableMembers.indexes.get(relid) ?? []).map(toIndex));
    if (rel.kind === 'v' || rel.kind === 'm') {
      views[key] = compact({
        schema: rel.schema,
        name: rel.name,
        materialized: rel.kind === 'm',
        definition: String(rel.view_def ?? '').trim(),
        columns: columns.map((c) => c.name),
        columnTypes: nonEmpty(columns.map((c) => c.type)),
        options: nonEmpty(rel.options),
        indexes,
        triggers: nonEmptyRecord(toRecord((tableMembers.triggers.get(relid) ?? []).map(toTrigger))),
        columnComments: nonEmptyRecord(Object.fromEntries(columns.filter((c) => c.comment !== undefined).map((c) => [c.name, c.comment as string]))),
        comment: rel.comment ?? undefined,
        grants: nonEmpty(rel.grants),
      });
    } else if (rel.kind === 'f') {
      unsupported.push({ kind: 'foreign_table', name: key, detail: `foreign table ${key} is not represented in the schema model` });
    } else {
      tables[key] = toTable(rel, columns, indexes, tableMembers);
    }
  }

  const enums: Record<string, EnumType> = {};
  const domains: Record<string, DomainType> = {};
  const compositeTypes: Record<string, CompositeType> = {};
  const domainChecks = groupBy(rows.domainConstraints, (c) => String(c.typid));
  for (const t of rows.types) {
    const key = qualify(t.schema, t.name);
    if (t.kind === 'e') enums[key] = compact({ schema: t.schema, name: t.name, labels: t.labels ?? [], comment: t.comment ?? undefined });
    else if (t.kind === 'd') domains[key] = toDomain(t, domainChecks.get(String(t.oid)) ?? []);
    else if (t.kind === 'c') compositeTypes[key] = toComposite(t, columnsByRel.get(String(t.relid)) ?? []);
    else unsupported.push({ kind: t.kind === 'r' ? 'range_type' : 'multirange_type', name: key, detail: `type ${key} is not represented in the schema model` });
  }

  const routines: Record<string, Routine> = {};
  for (const p of rows.routines) {
    if (p.kind === 'a') {
      unsupported.push({ kind: 'aggregate', name: `${p.schema}.${p.name}(${p.args})`, detail: 'aggregates are not represented in the schema model' });
      continue;
    }
    routines[routineKey(p)] = compact({
      schema: p.schema,
      name: p.name,
      kind: p.kind === 'p' ? 'procedure' : 'function',
      args: p.args,
      returns: p.returns ?? undefined,
      language: p.language,
      definition: String(p.def ?? '').trim(),
      comment: p.comment ?? undefined,
      grants: nonEmpty(p.grants),
    } as Routine);
  }

  const sequences: Record<string, Sequence> = {};
  for (const s of rows.sequences) {
    if (s.identity) continue;
    sequences[qualify(s.schema, s.name)] = compact({
      schema: s.schema,
      name: s.name,
      ...sequenceOptions(s),
      ownedBy: s.owned_by ?? undefined,
      comment: s.comment ?? undefined,
      grants: nonEmpty(s.grants),
    });
  }

  const objects: CatalogObjects = { rows, relationKeys, routineKey };
  return {
    dialect: 'postgres',
    namespaces: sortedRecord(
      Object.fromEntries(
        rows.namespaces.map((n) => [n.name, compact({ name: n.name, comment: n.comment ?? undefined, grants: nonEmpty(n.grants) })]),
      ),
    ),
    extensions: sortedRecord(Object.fromEntries(rows.extensions.map((e) => [e.name, { name: e.name, schema: e.schema, version: e.version }]))),
    collations: sortedRecord(Object.fromEntries(rows.collations.map((c) => [qualify(c.schema, c.name), toCollation(c)]))),
    enums: sortedRecord(enums),
    domains: sortedRecord(domains),
    compositeTypes: sortedRecord(compositeTypes),
    sequences: sortedRecord(sequences),
    tables: sortedRecord(tables),
    views: sortedRecord(views),
    routines: sortedRecord(routines),
    dependencies: resolveDependencies(objects),
    unsupported: unsupported.sort((a, b) => `${a.kind}:${a.name}`.localeCompare(`${b.kind}:${b.name}`, 'en')),
  };
}

export function routineKey(p: Row): string {
  return `${p.schema}.${p.name}(${p.args})`;
}

function toTable(
  rel: Row,
  columns: Column[],
  indexes: Record<string, Index>,
  members: Record<'constraints' | 'indexes' | 'triggers' | 'policies', Map<string, Row[]>>,
): Table {
  const relid = String(rel.oid);
  const parents: string[] = rel.parents ?? [];
  const isPartition = Boolean(rel.is_partition);
  return compact({
    schema: rel.schema,
    name: rel.name,
    // Inherited columns belong to the parent; the child only declares its own.
    columns: parents.length > 0 ? columns.filter((c) => c.extra?.inherited !== 'true') : columns,
    constraints: toRecord((members.constraints.get(relid) ?? []).map((c) => toConstraint(c))),
    indexes,
    triggers: toRecord((members.triggers.get(relid) ?? []).map(toTrigger)),
    policies: toRecord((members.policies.get(relid) ?? []).map(toPolicy)),
    rowSecurity: rel.rls ? true : undefined,
    forceRowSecurity: rel.force_rls ? true : undefined,
    unlogged: rel.persistence === 'u' ? true : undefined,
    partitioning:
      rel.partition_by || isPartition
        ? compact({ by: rel.partition_by ?? undefined, of: isPartition ? parents[0] : undefined, bound: rel.bound ?? undefined })
        : undefined,
    inherits: !isPartition && parents.length > 0 ? parents : undefined,
    options: nonEmpty(rel.options),
    comment: rel.comment ?? undefined,
    grants: nonEmpty(rel.grants),
  } as Table);
}

function toColumn(c: Row, identitySeq: Row | undefined): Column {
  const extra: Record<string, string> = {};
  if (!c.is_local) extra.inherited = 'true';
  if (c.generated_kind === 'v') extra.generated = 'virtual';
  return compact({
    name: c.name,
    type: c.type,
    notNull: Boolean(c.not_null),
    default: c.default_expr ?? undefined,
    identity: c.identity ? { always: c.identity === 'a', sequence: identitySeq ? sequenceOptions(identitySeq) : undefined } : undefined,
    generated: c.generated ?? undefined,
    collation: c.collation ?? undefined,
    comment: c.comment ?? undefined,
    grants: nonEmpty(c.grants),
    extra: Object.keys(extra).length > 0 ? extra : undefined,
  });
}

function toConstraint(c: Row): Constraint {
  const kind = CONSTRAINT_KINDS[c.kind] as ConstraintKind;
  return compact({
    name: c.name,
    kind,
    // Validation is its own field; the definition says what the constraint checks.
    definition: String(c.def).replace(/ NOT VALID$/, ''),
    columns: c.columns ?? [],
    references:
      kind === 'foreign_key'
        ? {
            table: c.ref_table,
            columns: c.ref_columns ?? [],
            onDelete: FK_ACTIONS[c.on_delete] ?? 'NO ACTION',
            onUpdate: FK_ACTIONS[c.on_update] ?? 'NO ACTION',
            match: FK_MATCH[c.match] ?? 'SIMPLE',
          }
        : undefined,
    deferrable: c.deferrable ? true : undefined,
    initiallyDeferred: c.deferred ? true : undefined,
    validated: Boolean(c.validated),
    comment: c.comment ?? undefined,
  });
}

function toIndex(i: Row): Index {
  return compact({
    name: i.name,
    unique: Boolean(i.is_unique),
    method: i.method,
    keys: i.keys ?? [],
    include: nonEmpty(i.include),
    where: i.predicate ?? undefined,
    definition: i.def,
    comment: i.comment ?? undefined,
  });
}

function toTrigger(t: Row): Trigger {
  return compact({ name: t.name, definition: t.def, function: t.function, enabled: t.enabled === 'O' ? undefined : t.enabled, comment: t.comment ?? undefined });
}

function toPolicy(p: Row): Policy {
  return compact({
    name: p.name,
    command: POLICY_COMMANDS[p.command] ?? 'ALL',
    permissive: Boolean(p.permissive),
    roles: p.roles ?? ['PUBLIC'],
    using: p.using_expr ?? undefined,
    withCheck: p.check_expr ?? undefined,
  });
}

const COLLATION_PROVIDERS: Record<string, string> = { c: 'libc', i: 'icu', b: 'builtin', d: 'default' };

function toCollation(c: Row): Collation {
  const libc = c.provider === 'c';
  return compact({
    schema: c.schema,
    name: c.name,
    provider: COLLATION_PROVIDERS[c.provider] ?? String(c.provider),
    locale: libc ? undefined : (c.locale ?? undefined),
    lcCollate: libc ? (c.lc_collate ?? undefined) : undefined,
    lcCtype: libc ? (c.lc_ctype ?? undefined) : undefined,
    rules: c.rules ?? undefined,
    deterministic: Boolean(c.deterministic),
    comment: c.comment ?? undefined,
  });
}

function toDomain(t: Row, checks: Row[]): DomainType {
  return compact({
    schema: t.schema,
    name: t.name,
    baseType: t.base_type,
    notNull: Boolean(t.not_null),
    default: t.default_expr ?? undefined,
    collation: t.collation ?? undefined,
    checks: sortedRecord(Object.fromEntries(checks.map((c) => [c.name, c.def]))),
    comment: t.comment ?? undefined,
  });
}

function toComposite(t: Row, attributes: Row[]): CompositeType {
  return compact({
    schema: t.schema,
    name: t.name,
    attributes: attributes.map((a) => compact({ name: a.name, type: a.type, collation: a.collation ?? undefined })),
    comment: t.comment ?? undefined,
  });
}

function sequenceOptions(s: Row): SequenceOptions {
  return { dataType: s.data_type, start: s.start, increment: s.increment, min: s.min, max: s.max, cache: s.cache, cycle: Boolean(s.cycle) };
}

function toRecord<T extends { name: string }>(items: T[]): Record<string, T> {
  return sortedRecord(Object.fromEntries(items.map((item) => [item.name, item])));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function nonEmptyRecord<T>(record: Record<string, T>): Record<string, T> | undefined {
  return Object.keys(record).length > 0 ? record : undefined;
}

function nonEmpty<T>(list: readonly T[] | null | undefined): readonly T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

/** Drops undefined fields so equal objects serialise identically. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

