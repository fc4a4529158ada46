/** Tables, columns, constraints and indexes. */
import type { ChangeOf } from '../../../core/change.js';
import { hazard, type Hazard } from '../../../core/hazard.js';
import type { Column, Constraint, Index, Table } from '../../../core/model.js';
import { qualify } from '../../../core/model.js';
import type { RenderContext, StepDraft } from '../../../plan/dialect.js';
import { isLosslessConversion, isSafeWidening } from '../types.js';
import { quoteIdent, quoteQualified, schemaOf } from '../quote.js';
import { alterTable, columnDefinition, commentSql, constraintClause, createTableSql, grantSql, ownedBySql, tableExtrasSql } from './sql-parts.js';

export function createTable(c: ChangeOf<'create_table'>): StepDraft {
  const key = qualify(c.to.schema, c.to.name);
  return { sql: [createTableSql(c.to)], reverse: { kind: 'sql', sql: [`DROP TABLE ${quoteQualified(key)}`] } };
}

export function dropTable(c: ChangeOf<'drop_table'>, ctx: RenderContext): StepDraft {
  const key = qualify(c.from.schema, c.from.name);
  return {
    sql: [`DROP TABLE ${quoteQualified(key)}`],
    reverse: { kind: 'sql', sql: [createTableSql(c.from), ...tableExtrasSql(key, c.from, ctx.from)], lossy: `the rows of ${key} are not restored` },
    hazards: [hazard('DATA_LOSS', `table ${key} and all its rows are dropped`), hazard('BREAKING_CHANGE', `queries using ${key} fail`)],
  };
}

function renameTableSql(a: Table, b: Table): string[] {
  const sql: string[] = [];
  let current = qualify(a.schema, a.name);
  if (a.name !== b.name) {
    sql.push(`${alterTable(current)} RENAME TO ${quoteIdent(b.name)}`);
    current = qualify(a.schema, b.name);
  }
  if (a.schema !== b.schema) sql.push(`${alterTable(current)} SET SCHEMA ${quoteIdent(b.schema)}`);
  return sql;
}

export function renameTable(c: ChangeOf<'rename_table'>): StepDraft {
  return {
    sql: renameTableSql(c.from, c.to),
    reverse: { kind: 'sql', sql: renameTableSql(c.to, c.from) },
    hazards: [hazard('BREAKING_CHANGE', `clients using ${c.from.schema}.${c.from.name} must use ${c.to.schema}.${c.to.name}`)],
  };
}

function tableAspectSql(key: string, a: Table, b: Table, aspects: readonly string[]): string[] {
  const t = alterTable(key);
  const sql: string[] = [];
  for (const aspect of aspects) {
    switch (aspect) {
      case 'rowSecurity':
        sql.push(`${t} ${b.rowSecurity ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`);
        break;
      case 'forceRowSecurity':
        sql.push(`${t} ${b.forceRowSecurity ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`);
        break;
      case 'unlogged':
        sql.push(`${t} SET ${b.unlogged ? 'UNLOGGED' : 'LOGGED'}`);
        break;
      case 'options': {
        const names = (list: readonly string[] = []) => new Map(list.map((o) => [o.slice(0, o.indexOf('=')), o]));
        const before = names(a.options);
        const after = names(b.options);
        const reset = [...before.keys()].filter((k) => !after.has(k));
        const set = [...after.values()].filter((o) => !(a.options ?? []).includes(o));
        if (reset.length) sql.push(`${t} RESET (${reset.join(', ')})`);
        if (set.length) sql.push(`${t} SET (${set.join(', ')})`);
        break;
      }
      case 'partitionBound':
        if (a.partitioning?.of) sql.push(`${alterTable(a.partitioning.of)} DETACH PARTITION ${quoteQualified(key)}`);
        if (b.partitioning?.of) sql.push(`${alterTable(b.partitioning.of)} ATTACH PARTITION ${quoteQualified(key)} ${b.partitioning.bound ?? 'DEFAULT'}`);
        break;
      case 'inherits':
        for (const p of a.inherits ?? []) if (!(b.inherits ?? []).includes(p)) sql.push(`${t} NO INHERIT ${quoteQualified(p)}`);
        for (const p of b.inherits ?? []) if (!(a.inherits ?? []).includes(p)) sql.push(`${t} INHERIT ${quoteQualified(p)}`);
        break;
      default:
        sql.push(`-- ${aspect} of ${key} has no PostgreSQL meaning and is left as it is`);
    }
  }
  return sql;
}

export function alterTableStep(c: ChangeOf<'alter_table'>): StepDraft {
  const hazards: Hazard[] = [];
  if (c.aspects.includes('unlogged')) hazards.push(hazard('TABLE_REWRITE', `changing the persistence of ${c.table} rewrites it`));
  if (c.aspects.includes('partitionBound')) hazards.push(hazard('ACCESS_EXCLUSIVE_LOCK', `re-attaching ${c.table} scans it to check the bound`));
  if (c.aspects.includes('rowSecurity') && c.to.rowSecurity) hazards.push(hazard('BREAKING_CHANGE', `row-level security hides rows of ${c.table} from roles without a policy`));
  return {
    sql: tableAspectSql(c.table, c.from, c.to, c.aspects),
    reverse: { kind: 'sql', sql: tableAspectSql(c.table, c.to, c.from, [...c.aspects].reverse()) },
    hazards,
  };
}

const VOLATILE_DEFAULT = /\b(nextval|random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp|timeofday|txid_current)\s*\(/i;

/** ADD COLUMN as PostgreSQL 11+ does it best: constant defaults are free, NOT NULL without a default needs a backfill. */
export function addColumnSql(table: string, column: Column): { sql: string[]; hazards: Hazard[] } {
  const t = alterTable(table);
  const needsBackfill = column.notNull && column.default === undefined && !column.identity && column.generated === undefined;
  if (!needsBackfill) {
    const rewrites = column.identity || column.generated !== undefined || (column.default !== undefined && VOLATILE_DEFAULT.test(column.default));
    return {
      sql: [`${t} ADD COLUMN ${columnDefinition(column)}`],
      hazards: rewrites ? [hazard('TABLE_REWRITE', `filling ${table}.${column.name} computes a value for every row`)] : [],
    };
  }
  const name = quoteIdent(column.name);
  return {
    sql: [
      `${t} ADD COLUMN ${columnDefinition(column, { notNull: false })}`,
      `-- Backfill ${table}.${column.name} before it becomes NOT NULL; this migration cannot choose the value:\n` +
        `-- UPDATE ${quoteQualified(table)} SET ${name} = <value> WHERE ${name} IS NULL;\n` +
        `${t} ALTER COLUMN ${name} SET NOT NULL`,
    ],
    hazards: [
      hazard('MAY_FAIL', `${table}.${column.name} is NOT NULL without a default: SET NOT NULL fails while existing rows hold NULL`, 'write the backfill UPDATE, or give the column a default'),
      hazard('BREAKING_CHANGE', `inserts into ${table} must now provide ${column.name}`),
    ],
  };
}

export function addColumn(c: ChangeOf<'add_column'>): StepDraft {
  const { sql, hazards } = addColumnSql(c.table, c.to);
  return { sql, reverse: { kind: 'sql', sql: [`${alterTable(c.table)} DROP COLUMN ${quoteIdent(c.to.name)}`] }, hazards };
}

export function dropColumn(c: ChangeOf<'drop_column'>, ctx: RenderContext): StepDraft {
  const target = { type: 'column' as const, key: c.table, member: c.from.name };
  const restore = [
    ...addColumnSql(c.table, c.from).sql,
    ...(c.from.comment !== undefined ? [commentSql(target, c.from.comment)] : []),
    ...(c.from.grants ?? []).map((g) => grantSql(target, g)),
    ...Object.values(ctx.from.sequences)
      .filter((s) => s.ownedBy === `${c.table}.${c.from.name}`)
      .map((s) => ownedBySql(qualify(s.schema, s.name), s.ownedBy)),
  ];
  return {
    sql: [`${alterTable(c.table)} DROP COLUMN ${quoteIdent(c.from.name)}`],
    reverse: { kind: 'sql', sql: restore, lossy: `the values of ${c.table}.${c.from.name} are not restored` },
    hazards: [hazard('DATA_LOSS', `column ${c.table}.${c.from.name} and its values are dropped`), hazard('BREAKING_CHANGE', `queries using ${c.table}.${c.from.name} fail`)],
  };
}

export function renameColumn(c: ChangeOf<'rename_column'>): StepDraft {
  const rename = (a: string, b: string) => `${alterTable(c.table)} RENAME COLUMN ${quoteIdent(a)} TO ${quoteIdent(b)}`;
  return {
    sql: [rename(c.from.name, c.to.name)],
    reverse: { kind: 'sql', sql: [rename(c.to.name, c.from.name)] },
    hazards: [hazard('BREAKING_CHANGE', `clients using ${c.table}.${c.from.name} must use ${c.to.name}`)],
  };
}

export { alterColumn } from './columns.js';

function addConstraintSql(table: string, constraint: Constraint, existing: boolean): string[] {
  const t = alterTable(table);
  const deferredCheck = existing && constraint.validated && (constraint.kind === 'foreign_key' || constraint.kind === 'check');
  if (!deferredCheck) return [`${t} ADD ${constraintClause(constraint)}`];
  // Adding NOT VALID then validating keeps the long scan under a weaker lock.
  return [`${t} ADD ${constraintClause(constraint)} NOT VALID`, `${t} VALIDATE CONSTRAINT ${quoteIdent(constraint.name)}`];
}

export function addConstraint(c: ChangeOf<'add_constraint'>, ctx: RenderContext): StepDraft {
  const existing = ctx.from.tables[c.table] !== undefined;
  const hazards: Hazard[] = [];
  if (existing && c.to.validated) {
    hazards.push(hazard('MAY_FAIL', `existing rows of ${c.table} must satisfy ${c.to.name}`), hazard('FULL_TABLE_SCAN', `${c.table} is scanned to check ${c.to.name}`));
    if (['primary_key', 'unique', 'exclusion'].includes(c.to.kind)) hazards.push(hazard('INDEX_BUILD', `${c.to.name} builds an index while writes wait`));
  }
  return {
    sql: addConstraintSql(c.table, c.to, existing),
    reverse: { kind: 'sql', sql: [`${alterTable(c.table)} DROP CONSTRAINT ${quoteIdent(c.to.name)}`] },
    hazards,
  };
}

export function dropConstraint(c: ChangeOf<'drop_constraint'>): StepDraft {
  const restore = [`${alterTable(c.table)} ADD ${constraintClause(c.from)}`];
  if (c.from.comment !== undefined) restore.push(commentSql({ type: 'constraint', key: c.table, member: c.from.name }, c.from.comment));
  return {
    sql: [`${alterTable(c.table)} DROP CONSTRAINT ${quoteIdent(c.from.name)}`],
    reverse: { kind: 'sql', sql: restore },
    hazards: c.from.kind === 'primary_key' || c.from.kind === 'unique' ? [hazard('BREAKING_CHANGE', `${c.table} no longer enforces ${c.from.name}`)] : [],
  };
}

export function validateConstraint(c: ChangeOf<'validate_constraint'>): StepDraft {
  return {
    sql: [`${alterTable(c.table)} VALIDATE CONSTRAINT ${quoteIdent(c.to.name)}`],
    reverse: { kind: 'sql', sql: [`${alterTable(c.table)} DROP CONSTRAINT ${quoteIdent(c.from.name)}`, `${alterTable(c.table)} ADD ${constraintClause(c.from)}`] },
    hazards: [hazard('MAY_FAIL', `existing rows of ${c.table} must satisfy ${c.to.name}`), hazard('FULL_TABLE_SCAN', `${c.table} is scanned`)],
  };
}

function concurrent(definition: string): string {
  return definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY ');
}

function indexName(table: string, index: Index): string {
  return `${quoteIdent(schemaOf(table))}.${quoteIdent(index.name)}`;
}

/** CONCURRENTLY only pays off on tables that already hold rows, and partitioned parents refuse it. */
function buildsConcurrently(c: { table: string }, ctx: RenderContext): boolean {
  const table = ctx.from.tables[c.table];
  return Boolean(ctx.options.concurrently) && table !== undefined && !table.partitioning?.by;
}

export function addIndex(c: ChangeOf<'add_index'>, ctx: RenderContext): StepDraft {
  const existing = ctx.from.tables[c.table] !== undefined || ctx.from.views[c.table] !== undefined;
  if (buildsConcurrently(c, ctx)) {
    return {
      sql: [concurrent(c.to.definition)],
      reverse: { kind: 'sql', sql: [`DROP INDEX CONCURRENTLY IF EXISTS ${indexName(c.table, c.to)}`] },
      transactional: false,
      hazards: [
        hazard('NOT_TRANSACTIONAL', 'CREATE INDEX CONCURRENTLY runs outside a transaction', 'if it fails, drop the INVALID index it leaves and run it again'),
        hazard('INDEX_BUILD', `${c.to.name} is built while writes to ${c.table} go on`),
      ],
    };
  }
  return {
    sql: [c.to.definition],
    reverse: { kind: 'sql', sql: [`DROP INDEX ${indexName(c.table, c.to)}`] },
    hazards: existing ? [hazard('INDEX_BUILD', `${c.to.name} is built while writes to ${c.table} wait`, 'pass --concurrently to build it without blocking writes'), hazard('SHARE_LOCK', `writes to ${c.table} wait for the build`)] : [],
  };
}

export function dropIndex(c: ChangeOf<'drop_index'>, ctx: RenderContext): StepDraft {
  const restore = [c.from.definition];
  if (c.from.comment !== undefined) restore.push(commentSql({ type: 'index', key: c.table, member: c.from.name }, c.from.comment));
  if (buildsConcurrently(c, ctx)) {
    return {
      sql: [`DROP INDEX CONCURRENTLY IF EXISTS ${indexName(c.table, c.from)}`],
      reverse: { kind: 'sql', sql: [concurrent(c.from.definition), ...restore.slice(1)] },
      transactional: false,
      hazards: [hazard('NOT_TRANSACTIONAL', 'DROP INDEX CONCURRENTLY runs outside a transaction')],
    };
  }
  return { sql: [`DROP INDEX ${indexName(c.table, c.from)}`], reverse: { kind: 'sql', sql: restore } };
}

