/** SQL fragments several renderers share: column definitions, CREATE TABLE, targets of comments and grants. */
import type { ObjectRef } from '../../../core/change.js';
import type { Column, Constraint, Grant, Schema, SequenceOptions, Table } from '../../../core/model.js';
import { qualify, sortedValues } from '../../../core/model.js';
import { qualifiedName, quoteIdent, quoteLiteral, quoteQualified, quoteRole, schemaOf } from '../quote.js';

export function tableName(table: Pick<Table, 'schema' | 'name'>): string {
  return qualifiedName(table.schema, table.name);
}

export function alterTable(key: string): string {
  return `ALTER TABLE ${quoteQualified(key)}`;
}

export function sequenceClauses(options: SequenceOptions, withType: boolean): string[] {
  const out: string[] = [];
  if (withType && options.dataType) out.push(`AS ${options.dataType}`);
  if (options.start !== undefined) out.push(`START WITH ${options.start}`);
  if (options.increment !== undefined) out.push(`INCREMENT BY ${options.increment}`);
  if (options.min !== undefined) out.push(`MINVALUE ${options.min}`);
  if (options.max !== undefined) out.push(`MAXVALUE ${options.max}`);
  if (options.cache !== undefined) out.push(`CACHE ${options.cache}`);
  if (options.cycle !== undefined) out.push(options.cycle ? 'CYCLE' : 'NO CYCLE');
  return out;
}

/**
 * PostgreSQL refuses new MINVALUE/MAXVALUE bounds that leave the sequence's current value outside
 * (`RESTART value ... cannot be less than MINVALUE`). Where the old start value falls outside the new
 * bounds, a sequence that was never advanced would be refused: the ALTER restarts it at its new start.
 */
export function restartClause(a: SequenceOptions, b: SequenceOptions): string[] {
  if (a.start === undefined || (a.min === b.min && a.max === b.max)) return [];
  const start = BigInt(a.start);
  const below = b.min !== undefined && start < BigInt(b.min);
  const above = b.max !== undefined && start > BigInt(b.max);
  return below || above ? ['RESTART'] : [];
}

export function identityClause(column: Column): string {
  const identity = column.identity;
  if (!identity) return '';
  const options = identity.sequence ? sequenceClauses(identity.sequence, false) : [];
  return `GENERATED ${identity.always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${options.length ? ` (${options.join(' ')})` : ''}`;
}

export function generatedClause(column: Column): string {
  if (column.generated === undefined) return '';
  return `GENERATED ALWAYS AS (${column.generated}) ${column.extra?.generated === 'virtual' ? 'VIRTUAL' : 'STORED'}`;
}

/** `name type [COLLATE c] [GENERATED ...] [DEFAULT d] [NOT NULL]`, optionally without NOT NULL. */
export function columnDefinition(column: Column, options: { notNull?: boolean } = {}): string {
  const parts = [quoteIdent(column.name), column.type];
  if (column.collation) parts.push(`COLLATE ${column.collation}`);
  if (column.generated !== undefined) parts.push(generatedClause(column));
  if (column.identity) parts.push(identityClause(column));
  if (column.default !== undefined && column.generated === undefined) parts.push(`DEFAULT ${column.default}`);
  if ((options.notNull ?? true) && column.notNull && !column.identity) parts.push('NOT NULL');
  return parts.join(' ');
}

/** Constraints a CREATE TABLE can hold: foreign keys and NOT VALID constraints come later as ALTERs. */
export function isInlineConstraint(constraint: Constraint): boolean {
  return constraint.kind !== 'foreign_key' && constraint.validated;
}

/** The model keeps validation apart from the definition; an unvalidated constraint is added NOT VALID. */
export function constraintClause(constraint: Constraint): string {
  return `CONSTRAINT ${quoteIdent(constraint.name)} ${constraint.definition}${constraint.validated ? '' : ' NOT VALID'}`;
}

/** CREATE TABLE with columns and inline constraints (no foreign keys, indexes, triggers...). */
export function createTableSql(table: Table): string {
  const name = tableName(table);
  const constraints = sortedValues(table.constraints).filter(isInlineConstraint).map(constraintClause);
  const part = table.partitioning;
  const tail: string[] = [];
  if (table.inherits?.length) tail.push(`INHERITS (${table.inherits.map(quoteQualified).join(', ')})`);
  if (part?.by) tail.push(`PARTITION BY ${part.by}`);
  if (table.options?.length) tail.push(`WITH (${table.options.join(', ')})`);
  const head = `CREATE ${table.unlogged ? 'UNLOGGED ' : ''}TABLE ${name}`;
  if (part?.of) {
    const body = [...table.columns.map((c) => `${quoteIdent(c.name)} WITH OPTIONS${columnOptionsForPartition(c)}`), ...constraints];
    const inner = body.length ? ` (\n    ${body.join(',\n    ')}\n)` : '';
    const bound = part.bound === 'DEFAULT' ? 'DEFAULT' : (part.bound ?? 'DEFAULT');
    return [`${head} PARTITION OF ${quoteQualified(part.of)}${inner} ${bound}`, ...tail].join(' ');
  }
  const body = [...table.columns.map((c) => columnDefinition(c)), ...constraints];
  return [`${head} (${body.length ? `\n    ${body.join(',\n    ')}\n` : ''})`, ...tail].join(' ');
}

function columnOptionsForPartition(column: Column): string {
  const parts: string[] = [];
  if (column.default !== undefined) parts.push(` DEFAULT ${column.default}`);
  if (column.notNull) parts.push(' NOT NULL');
  return parts.join('');
}

/** Everything besides the CREATE TABLE that makes a table whole again (used when a drop is undone). */
export function tableExtrasSql(key: string, table: Table, schema: Schema): string[] {
  const out: string[] = [];
  for (const c of sortedValues(table.constraints)) if (c.kind !== 'foreign_key' && !c.validated) out.push(`${alterTable(key)} ADD ${constraintClause(c)}`);
  for (const index of sortedValues(table.indexes)) out.push(index.definition);
  if (table.rowSecurity) out.push(`${alterTable(key)} ENABLE ROW LEVEL SECURITY`);
  if (table.forceRowSecurity) out.push(`${alterTable(key)} FORCE ROW LEVEL SECURITY`);
  for (const policy of sortedValues(table.policies)) out.push(createPolicySql(key, policy));
  for (const trigger of sortedValues(table.triggers)) out.push(...createTriggerSql(key, trigger));
  if (table.comment !== undefined) out.push(commentSql({ type: 'table', key }, table.comment));
  for (const c of table.columns) {
    if (c.comment !== undefined) out.push(commentSql({ type: 'column', key, member: c.name }, c.comment));
    for (const g of c.grants ?? []) out.push(grantSql({ type: 'column', key, member: c.name }, g));
  }
  for (const c of sortedValues(table.constraints)) {
    if (c.comment !== undefined && c.kind !== 'foreign_key') out.push(commentSql({ type: 'constraint', key, member: c.name }, c.comment));
  }
  for (const index of sortedValues(table.indexes)) {
    if (index.comment !== undefined) out.push(commentSql({ type: 'index', key, member: index.name }, index.comment));
  }
  for (const g of table.grants ?? []) out.push(grantSql({ type: 'table', key }, g));
  for (const seq of sortedValues(schema.sequences)) {
    const owner = seq.ownedBy ? seq.ownedBy.slice(0, seq.ownedBy.lastIndexOf('.')) : undefined;
    if (owner === key) out.push(ownedBySql(qualify(seq.schema, seq.name), seq.ownedBy));
  }
  return out;
}

export function ownedBySql(sequenceKey: string, ownedBy: string | undefined): string {
  if (!ownedBy) return `ALTER SEQUENCE ${quoteQualified(sequenceKey)} OWNED BY NONE`;
  const dot = ownedBy.lastIndexOf('.');
  return `ALTER SEQUENCE ${quoteQualified(sequenceKey)} OWNED BY ${quoteQualified(ownedBy.slice(0, dot))}.${quoteIdent(ownedBy.slice(dot + 1))}`;
}

export function createPolicySql(table: string, policy: import('../../../core/model.js').Policy): string {
  const parts = [`CREATE POLICY ${quoteIdent(policy.name)} ON ${quoteQualified(table)}`];
  parts.push(`AS ${policy.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'}`, `FOR ${policy.command}`, `TO ${policy.roles.map(quoteRole).join(', ')}`);
  if (policy.using !== undefined) parts.push(`USING (${policy.using})`);
  if (policy.withCheck !== undefined) parts.push(`WITH CHECK (${policy.withCheck})`);
  return parts.join(' ');
}

const TRIGGER_STATES: Record<string, string> = { D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

export function createTriggerSql(table: string, trigger: import('../../../core/model.js').Trigger): string[] {
  const out = [trigger.definition];
  const state = trigger.enabled ? TRIGGER_STATES[trigger.enabled] : undefined;
  if (state) out.push(`${alterTable(table)} ${state} TRIGGER ${quoteIdent(trigger.name)}`);
  return out;
}

/** The object clause of COMMENT ON and GRANT: `TABLE public.t`, `COLUMN public.t.c`, ... */
export function commentTarget(target: ObjectRef): string {
  const member = target.member === undefined ? '' : quoteIdent(target.member);
  switch (target.type) {
    case 'schema':
      return `SCHEMA ${quoteIdent(target.key)}`;
    case 'extension':
      return `EXTENSION ${quoteIdent(target.key)}`;
    case 'column':
      return `COLUMN ${quoteQualified(target.key)}.${member}`;
    case 'constraint':
      return `CONSTRAINT ${member} ON ${quoteQualified(target.key)}`;
    case 'trigger':
      return `TRIGGER ${member} ON ${quoteQualified(target.key)}`;
    case 'index':
      return `INDEX ${quoteIdent(schemaOf(target.key))}.${member}`;
    case 'materialized_view':
      return `MATERIALIZED VIEW ${quoteQualified(target.key)}`;
    case 'function':
    case 'procedure':
    case 'aggregate':
      return `${target.type.toUpperCase()} ${routineSignature(target.key)}`;
    default:
      return `${target.type.toUpperCase()} ${quoteQualified(target.key)}`;
  }
}

/** `schema.name(args)` routine key → quoted signature; the argument list is PostgreSQL's own text. */
export function routineSignature(key: string): string {
  const paren = key.indexOf('(');
  return `${quoteQualified(key.slice(0, paren))}${key.slice(paren)}`;
}

export function commentSql(target: ObjectRef, text: string | undefined): string {
  return `COMMENT ON ${commentTarget(target)} IS ${text === undefined ? 'NULL' : quoteLiteral(text)}`;
}

function grantObject(target: ObjectRef): { object: string; columns: string } {
  switch (target.type) {
    case 'column':
      return { object: `TABLE ${quoteQualified(target.key)}`, columns: ` (${quoteIdent(target.member ?? '')})` };
    case 'view':
    case 'materialized_view':
    case 'table':
      return { object: `TABLE ${quoteQualified(target.key)}`, columns: '' };
    default:
      return { object: commentTarget(target), columns: '' };
  }
}

export function grantSql(target: ObjectRef, grant: Grant): string {
  const { object, columns } = grantObject(target);
  return `GRANT ${grant.privilege}${columns} ON ${object} TO ${quoteRole(grant.grantee)}${grant.grantable ? ' WITH GRANT OPTION' : ''}`;
}

export function revokeSql(target: ObjectRef, grant: Grant): string {
  const { object, columns } = grantObject(target);
  return `REVOKE ${grant.privilege}${columns} ON ${object} FROM ${quoteRole(grant.grantee)}`;
}
