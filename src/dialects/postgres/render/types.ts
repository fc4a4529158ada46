/** Schemas, extensions, enums, domains, composite types and sequences. */
import type { ChangeOf } from '../../../core/change.js';
import { hazard } from '../../../core/hazard.js';
import type { Collation, CompositeType, DomainType, EnumType, Schema, Sequence } from '../../../core/model.js';
import { qualify } from '../../../core/model.js';
import type { RenderContext, StepDraft } from '../../../plan/dialect.js';
import { qualifiedName, quoteIdent, quoteLiteral, quoteQualified } from '../quote.js';
import { aroundDependentViews } from './dependents.js';
import { alterTable, commentSql, grantSql, ownedBySql, restartClause, sequenceClauses } from './sql-parts.js';

export function createSchema(c: ChangeOf<'create_schema'>): StepDraft {
  return { sql: [`CREATE SCHEMA ${quoteIdent(c.to.name)}`], reverse: { kind: 'sql', sql: [`DROP SCHEMA ${quoteIdent(c.to.name)}`] } };
}

export function dropSchema(c: ChangeOf<'drop_schema'>): StepDraft {
  const target = { type: 'schema' as const, key: c.from.name };
  const restore = [
    `CREATE SCHEMA ${quoteIdent(c.from.name)}`,
    ...(c.from.comment !== undefined ? [commentSql(target, c.from.comment)] : []),
    ...(c.from.grants ?? []).map((g) => grantSql(target, g)),
  ];
  return {
    sql: [`DROP SCHEMA ${quoteIdent(c.from.name)}`],
    reverse: { kind: 'sql', sql: restore },
    hazards: [hazard('BREAKING_CHANGE', `schema ${c.from.name} is removed`)],
  };
}

function createExtensionSql(e: { name: string; schema: string; version?: string }): string {
  return `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name)} WITH SCHEMA ${quoteIdent(e.schema)}${e.version ? ` VERSION ${quoteLiteral(e.version)}` : ''}`;
}

export function createCollation(c: ChangeOf<'create_collation'>): StepDraft {
  const name = qualifiedName(c.to.schema, c.to.name);
  return { sql: [createCollationSql(c.to)], reverse: { kind: 'sql', sql: [`DROP COLLATION ${name}`] } };
}

export function dropCollation(c: ChangeOf<'drop_collation'>): StepDraft {
  return { sql: [`DROP COLLATION ${qualifiedName(c.from.schema, c.from.name)}`], reverse: { kind: 'sql', sql: [createCollationSql(c.from)] } };
}

function createCollationSql(c: Collation): string {
  const options = [`provider = ${c.provider}`];
  if (c.locale !== undefined) options.push(`locale = ${quoteLiteral(c.locale)}`);
  if (c.lcCollate !== undefined) options.push(`lc_collate = ${quoteLiteral(c.lcCollate)}`);
  if (c.lcCtype !== undefined) options.push(`lc_ctype = ${quoteLiteral(c.lcCtype)}`);
  if (c.rules !== undefined) options.push(`rules = ${quoteLiteral(c.rules)}`);
  if (!c.deterministic) options.push('deterministic = false');
  return `CREATE COLLATION ${qualifiedName(c.schema, c.name)} (${options.join(', ')})`;
}

export function createExtension(c: ChangeOf<'create_extension'>): StepDraft {
  return { sql: [createExtensionSql(c.to)], reverse: { kind: 'sql', sql: [`DROP EXTENSION ${quoteIdent(c.to.name)}`] } };
}

export function dropExtension(c: ChangeOf<'drop_extension'>): StepDraft {
  return {
    sql: [`DROP EXTENSION ${quoteIdent(c.from.name)}`],
    reverse: { kind: 'sql', sql: [createExtensionSql(c.from)], lossy: 'data held by the extension (its tables, configuration) is not restored' },
    hazards: [hazard('DATA_LOSS', `extension ${c.from.name} and the objects it owns are dropped`)],
  };
}

export function alterExtension(c: ChangeOf<'alter_extension'>): StepDraft {
  const name = quoteIdent(c.to.name);
  const sql: string[] = [];
  if (c.from.schema !== c.to.schema) sql.push(`ALTER EXTENSION ${name} SET SCHEMA ${quoteIdent(c.to.schema)}`);
  const versionChanged = c.from.version !== c.to.version && c.to.version !== undefined;
  if (versionChanged) sql.push(`ALTER EXTENSION ${name} UPDATE TO ${quoteLiteral(c.to.version as string)}`);
  // Extensions rarely ship downgrade scripts: going back is a drop and a create at the old version.
  const back = versionChanged ? [`DROP EXTENSION ${name}`, createExtensionSql(c.from)] : [`ALTER EXTENSION ${name} SET SCHEMA ${quoteIdent(c.from.schema)}`];
  return {
    sql,
    reverse: { kind: 'sql', sql: back, lossy: versionChanged ? `downgrading ${c.to.name} drops and re-creates it, with the objects that depend on it` : undefined },
    hazards: versionChanged ? [hazard('MAY_FAIL', `needs the update script for ${c.to.name} ${c.to.version ?? ''} on the server`)] : [],
  };
}

export function enumSql(e: EnumType): string {
  return `CREATE TYPE ${qualifiedName(e.schema, e.name)} AS ENUM (${e.labels.map(quoteLiteral).join(', ')})`;
}

export function createEnum(c: ChangeOf<'create_enum'>): StepDraft {
  return { sql: [enumSql(c.to)], reverse: { kind: 'sql', sql: [`DROP TYPE ${qualifiedName(c.to.schema, c.to.name)}`] } };
}

export function dropEnum(c: ChangeOf<'drop_enum'>): StepDraft {
  const restore = [enumSql(c.from), ...(c.from.comment !== undefined ? [commentSql({ type: 'type', key: qualify(c.from.schema, c.from.name) }, c.from.comment)] : [])];
  return { sql: [`DROP TYPE ${qualifiedName(c.from.schema, c.from.name)}`], reverse: { kind: 'sql', sql: restore } };
}

interface TypeUse {
  readonly table: string;
  readonly column: string;
  readonly array: boolean;
  readonly default?: string;
}

/** Columns of tables that exist on both sides and hold the type (or an array of it). */
export function columnsUsingType(typeKey: string, before: Schema, after: Schema): TypeUse[] {
  const typeName = quoteQualified(typeKey);
  const uses: TypeUse[] = [];
  for (const [tableKey, table] of Object.entries(after.tables).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const old = before.tables[tableKey];
    if (!old) continue;
    const oldColumns = new Map(old.columns.map((c) => [c.name, c]));
    for (const column of table.columns) {
      const was = oldColumns.get(column.name);
      if (!was || (was.type !== typeName && was.type !== `${typeName}[]`)) continue;
      if (column.type !== was.type) continue;
      uses.push({ table: tableKey, column: column.name, array: column.type.endsWith('[]'), default: column.default });
    }
  }
  return uses;
}

/** Renames the old type away, creates the new one, moves every column over through text, drops the old. */
export function recreateEnumSql(typeKey: string, labels: readonly string[], uses: readonly TypeUse[], oldDefaults: ReadonlyMap<string, string>): string[] {
  const { schema, name } = { schema: typeKey.slice(0, typeKey.indexOf('.')), name: typeKey.slice(typeKey.indexOf('.') + 1) };
  const oldName = `${name}__old`;
  const sql = [`ALTER TYPE ${qualifiedName(schema, name)} RENAME TO ${quoteIdent(oldName)}`, enumSql({ schema, name, labels })];
  const typeName = qualifiedName(schema, name);
  for (const use of uses) {
    const column = quoteIdent(use.column);
    const target = use.array ? `${typeName}[]` : typeName;
    const hadDefault = oldDefaults.has(`${use.table}.${use.column}`);
    if (hadDefault) sql.push(`${alterTable(use.table)} ALTER COLUMN ${column} DROP DEFAULT`);
    sql.push(`${alterTable(use.table)} ALTER COLUMN ${column} TYPE ${target} USING ${column}::text${use.array ? '[]' : ''}::${target}`);
    if (use.default !== undefined) sql.push(`${alterTable(use.table)} ALTER COLUMN ${column} SET DEFAULT ${use.default}`);
  }
  sql.push(`DROP TYPE ${qualifiedName(schema, oldName)}`);
  return sql;
}

function defaultsOf(uses: readonly TypeUse[]): Map<string, string> {
  return new Map(uses.filter((u) => u.default !== undefined).map((u) => [`${u.table}.${u.column}`, u.default as string]));
}

export function recreateEnum(c: ChangeOf<'recreate_enum'>, ctx: RenderContext): StepDraft {
  const key = qualify(c.to.schema, c.to.name);
  const forward = columnsUsingType(key, ctx.from, ctx.to);
  const backward = columnsUsingType(key, ctx.to, ctx.from);
  const lost = c.removed.length > 0;
  return {
    sql: recreateEnumSql(key, c.to.labels, forward, defaultsOf(backward)),
    reverse: { kind: 'sql', sql: recreateEnumSql(key, c.from.labels, backward, defaultsOf(forward)) },
    hazards: [
      hazard('TABLE_REWRITE', `every column of type ${key} is rewritten`),
      ...(lost ? [hazard('DATA_LOSS', `rows holding ${c.removed.map((v) => `'${v}'`).join(', ')} make the conversion fail`), hazard('MAY_FAIL', `update or delete rows holding removed values of ${key} first`)] : []),
    ],
  };
}

export function addEnumValue(c: ChangeOf<'add_enum_value'>, ctx: RenderContext): StepDraft {
  const position = c.before !== undefined ? ` BEFORE ${quoteLiteral(c.before)}` : c.after !== undefined ? ` AFTER ${quoteLiteral(c.after)}` : '';
  const before = ctx.from.enums[c.type];
  const uses = columnsUsingType(c.type, ctx.to, ctx.from);
  return {
    sql: [`ALTER TYPE ${quoteQualified(c.type)} ADD VALUE ${quoteLiteral(c.value)}${position}`],
    // PostgreSQL cannot remove a label: the reverse recreates the type with the old labels, around the views using it.
    reverse: {
      kind: 'sql',
      sql: aroundDependentViews(ctx.from, typeSeeds(ctx.from, c.type), recreateEnumSql(c.type, before?.labels ?? [], uses, defaultsOf(columnsUsingType(c.type, ctx.from, ctx.to)))),
    },
    // A new label cannot be used in the transaction that adds it, so it runs on its own, first.
    transactional: false,
    hazards: [hazard('NOT_TRANSACTIONAL', `ALTER TYPE ... ADD VALUE runs outside the migration's transaction so later statements can use '${c.value}'`)],
  };
}

/** The type and every column holding it: what views lean on when the type is recreated. */
function typeSeeds(schema: Schema, typeKey: string): Set<string> {
  const seeds = new Set([`type:${typeKey}`]);
  for (const use of columnsUsingType(typeKey, schema, schema)) seeds.add(`column:${use.table}.${use.column}`);
  return seeds;
}

export function renameEnumValue(c: ChangeOf<'rename_enum_value'>): StepDraft {
  const rename = (a: string, b: string) => `ALTER TYPE ${quoteQualified(c.type)} RENAME VALUE ${quoteLiteral(a)} TO ${quoteLiteral(b)}`;
  return { sql: [rename(c.from, c.to)], reverse: { kind: 'sql', sql: [rename(c.to, c.from)] }, hazards: [hazard('BREAKING_CHANGE', `clients using '${c.from}' break`)] };
}

export function domainSql(d: DomainType): string[] {
  const parts = [`CREATE DOMAIN ${qualifiedName(d.schema, d.name)} AS ${d.baseType}`];
  if (d.collation) parts.push(`COLLATE ${d.collation}`);
  if (d.default !== undefined) parts.push(`DEFAULT ${d.default}`);
  if (d.notNull) parts.push('NOT NULL');
  for (const [name, def] of Object.entries(d.checks)) parts.push(`CONSTRAINT ${quoteIdent(name)} ${def}`);
  return [parts.join(' ')];
}

export function createDomain(c: ChangeOf<'create_domain'>): StepDraft {
  return { sql: domainSql(c.to), reverse: { kind: 'sql', sql: [`DROP DOMAIN ${qualifiedName(c.to.schema, c.to.name)}`] } };
}

export function dropDomain(c: ChangeOf<'drop_domain'>): StepDraft {
  const comment = c.from.comment !== undefined ? [commentSql({ type: 'domain', key: qualify(c.from.schema, c.from.name) }, c.from.comment)] : [];
  return { sql: [`DROP DOMAIN ${qualifiedName(c.from.schema, c.from.name)}`], reverse: { kind: 'sql', sql: [...domainSql(c.from), ...comment] } };
}

function alterDomainSql(a: DomainType, b: DomainType): string[] {
  const name = `ALTER DOMAIN ${qualifiedName(b.schema, b.name)}`;
  const sql: string[] = [];
  for (const check of Object.keys(a.checks)) if (a.checks[check] !== b.checks[check]) sql.push(`${name} DROP CONSTRAINT ${quoteIdent(check)}`);
  if (a.default !== b.default) sql.push(b.default === undefined ? `${name} DROP DEFAULT` : `${name} SET DEFAULT ${b.default}`);
  if (a.notNull !== b.notNull) sql.push(`${name} ${b.notNull ? 'SET' : 'DROP'} NOT NULL`);
  for (const [check, def] of Object.entries(b.checks)) if (a.checks[check] !== def) sql.push(`${name} ADD CONSTRAINT ${quoteIdent(check)} ${def}`);
  return sql;
}

export function alterDomain(c: ChangeOf<'alter_domain'>): StepDraft {
  const key = qualify(c.to.schema, c.to.name);
  if (c.from.baseType !== c.to.baseType || c.from.collation !== c.to.collation) {
    const drop = (d: DomainType) => `DROP DOMAIN ${qualifiedName(d.schema, d.name)}`;
    return {
      sql: [drop(c.from), ...domainSql(c.to)],
      reverse: { kind: 'sql', sql: [drop(c.to), ...domainSql(c.from)] },
      hazards: [hazard('MAY_FAIL', `domain ${key} is recreated: this fails while columns use it`)],
    };
  }
  const tightened = (!c.from.notNull && c.to.notNull) || Object.entries(c.to.checks).some(([k, v]) => c.from.checks[k] !== v);
  return {
    sql: alterDomainSql(c.from, c.to),
    reverse: { kind: 'sql', sql: alterDomainSql(c.to, c.from) },
    hazards: tightened ? [hazard('MAY_FAIL', `existing values must satisfy the new rules of domain ${key}`), hazard('FULL_TABLE_SCAN', 'every column of the domain is checked')] : [],
  };
}

export function compositeSql(t: CompositeType): string {
  const attributes = t.attributes.map((a) => `${quoteIdent(a.name)} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`);
  return `CREATE TYPE ${qualifiedName(t.schema, t.name)} AS (${attributes.join(', ')})`;
}

export function createComposite(c: ChangeOf<'create_composite_type'>): StepDraft {
  return { sql: [compositeSql(c.to)], reverse: { kind: 'sql', sql: [`DROP TYPE ${qualifiedName(c.to.schema, c.to.name)}`] } };
}

export function dropComposite(c: ChangeOf<'drop_composite_type'>): StepDraft {
  const comment = c.from.comment !== undefined ? [commentSql({ type: 'type', key: qualify(c.from.schema, c.from.name) }, c.from.comment)] : [];
  return { sql: [`DROP TYPE ${qualifiedName(c.from.schema, c.from.name)}`], reverse: { kind: 'sql', sql: [compositeSql(c.from), ...comment] } };
}

/** Attributes after the first difference are dropped and added again, so the order comes out right. */
function alterCompositeSql(a: CompositeType, b: CompositeType): string[] {
  const name = `ALTER TYPE ${qualifiedName(b.schema, b.name)}`;
  let prefix = 0;
  while (prefix < a.attributes.length && prefix < b.attributes.length && a.attributes[prefix]?.name === b.attributes[prefix]?.name) prefix++;
  const sql: string[] = [];
  for (let i = 0; i < prefix; i++) {
    const x = a.attributes[i];
    const y = b.attributes[i];
    if (x && y && (x.type !== y.type || x.collation !== y.collation)) {
      sql.push(`${name} ALTER ATTRIBUTE ${quoteIdent(y.name)} TYPE ${y.type}${y.collation ? ` COLLATE ${y.collation}` : ''}`);
    }
  }
  for (const x of a.attributes.slice(prefix)) sql.push(`${name} DROP ATTRIBUTE ${quoteIdent(x.name)}`);
  for (const y of b.attributes.slice(prefix)) sql.push(`${name} ADD ATTRIBUTE ${quoteIdent(y.name)} ${y.type}${y.collation ? ` COLLATE ${y.collation}` : ''}`);
  return sql;
}

export function alterComposite(c: ChangeOf<'alter_composite_type'>): StepDraft {
  return {
    sql: alterCompositeSql(c.from, c.to),
    reverse: { kind: 'sql', sql: alterCompositeSql(c.to, c.from) },
    hazards: [hazard('BREAKING_CHANGE', `type ${c.to.schema}.${c.to.name} changes shape`)],
  };
}

export function sequenceSql(s: Sequence): string {
  const clauses = sequenceClauses(s, true);
  return `CREATE SEQUENCE ${qualifiedName(s.schema, s.name)}${clauses.length ? ` ${clauses.join(' ')}` : ''}`;
}

export function createSequence(c: ChangeOf<'create_sequence'>): StepDraft {
  const key = qualify(c.to.schema, c.to.name);
  const owned = c.to.ownedBy ? [ownedBySql(key, c.to.ownedBy)] : [];
  return { sql: [sequenceSql(c.to), ...owned], reverse: { kind: 'sql', sql: [`DROP SEQUENCE ${quoteQualified(key)}`] } };
}

/** True when the column a sequence is owned by survives the migration (else its table's restore re-owns it). */
function ownerSurvives(ownedBy: string | undefined, to: Schema): boolean {
  if (!ownedBy) return false;
  const dot = ownedBy.lastIndexOf('.');
  return Boolean(to.tables[ownedBy.slice(0, dot)]?.columns.some((c) => c.name === ownedBy.slice(dot + 1)));
}

export function dropSequence(c: ChangeOf<'drop_sequence'>, ctx: RenderContext): StepDraft {
  const key = qualify(c.from.schema, c.from.name);
  const restore = [
    sequenceSql(c.from),
    ...(ownerSurvives(c.from.ownedBy, ctx.to) ? [ownedBySql(key, c.from.ownedBy)] : []),
    ...(c.from.comment !== undefined ? [commentSql({ type: 'sequence', key }, c.from.comment)] : []),
    ...(c.from.grants ?? []).map((g) => grantSql({ type: 'sequence', key }, g)),
  ];
  return {
    // A sequence owned by a dropped column or table is already gone with it.
    sql: [`DROP SEQUENCE IF EXISTS ${quoteQualified(key)}`],
    reverse: { kind: 'sql', sql: restore, lossy: `the current value of ${key} is not restored` },
    hazards: [hazard('DATA_LOSS', `sequence ${key} and its current value are dropped`)],
  };
}

function alterSequenceSql(a: Sequence, b: Sequence): string[] {
  const key = qualify(b.schema, b.name);
  const changed: Sequence = { schema: b.schema, name: b.name };
  const diff = (k: keyof Sequence) => (a[k] !== b[k] ? b[k] : undefined);
  const options = sequenceClauses({ ...changed, dataType: diff('dataType') as string, start: diff('start') as string, increment: diff('increment') as string, min: diff('min') as string, max: diff('max') as string, cache: diff('cache') as string, cycle: diff('cycle') as boolean }, true);
  const sql = options.length ? [`ALTER SEQUENCE ${quoteQualified(key)} ${[...options, ...restartClause(a, b)].join(' ')}`] : [];
  if (a.ownedBy !== b.ownedBy) sql.push(ownedBySql(key, b.ownedBy));
  return sql;
}

export function alterSequence(c: ChangeOf<'alter_sequence'>): StepDraft {
  return { sql: alterSequenceSql(c.from, c.to), reverse: { kind: 'sql', sql: alterSequenceSql(c.to, c.from) } };
}

