/** ALTER COLUMN: type, NULL-ness, default, identity, generation and collation, in the order PostgreSQL accepts them. */
import type { ChangeOf } from '../../../core/change.js';
import { hazard, type Hazard } from '../../../core/hazard.js';
import type { Column, Schema } from '../../../core/model.js';
import type { RenderContext, StepDraft } from '../../../plan/dialect.js';
import { isLosslessConversion, isSafeWidening } from '../types.js';
import { qualifiedName, quoteIdent } from '../quote.js';
import { alterTable, columnDefinition, identityClause, restartClause, sequenceClauses } from './sql-parts.js';

function typeClause(column: Column, usingCast: boolean, viaText: boolean): string {
  const collate = column.collation ? ` COLLATE ${column.collation}` : '';
  const via = viaText ? (column.type.endsWith('[]') ? '::text[]' : '::text') : '';
  const using = usingCast || viaText ? ` USING ${quoteIdent(column.name)}${via}::${column.type}` : '';
  return `TYPE ${column.type}${collate}${using}`;
}

function identityChanges(a: Column, b: Column): string[] {
  if (!a.identity && b.identity) return [`ADD ${identityClause(b)}`];
  if (a.identity && !b.identity) return ['DROP IDENTITY'];
  if (!a.identity || !b.identity) return [];
  const parts: string[] = [];
  if (a.identity.always !== b.identity.always) parts.push(`SET GENERATED ${b.identity.always ? 'ALWAYS' : 'BY DEFAULT'}`);
  const x = a.identity.sequence ?? {};
  const y = b.identity.sequence ?? {};
  const changed = sequenceClauses(
    {
      start: x.start !== y.start ? y.start : undefined,
      increment: x.increment !== y.increment ? y.increment : undefined,
      min: x.min !== y.min ? y.min : undefined,
      max: x.max !== y.max ? y.max : undefined,
      cache: x.cache !== y.cache ? y.cache : undefined,
      cycle: x.cycle !== y.cycle ? y.cycle : undefined,
    },
    false,
  );
  parts.push(...changed.map((clause) => `SET ${clause}`), ...restartClause(x, y));
  return parts.length ? [parts.join(' ')] : [];
}

/** Indexes of the table that name the column, rebuilt after the column is dropped and added again. */
function indexesOn(schema: Schema, table: string, column: string): string[] {
  const pattern = new RegExp(`[(,\\s]"?${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?[),\\s]`);
  return Object.values(schema.tables[table]?.indexes ?? {})
    .filter((index) => pattern.test(index.definition.slice(index.definition.indexOf('('))))
    .map((index) => index.definition);
}

const FAMILY = (type: string) => type.replace(/\(.*?\)/, '').replace(/\[\]$/, '[]');

/**
 * An explicit cast where PostgreSQL has no assignment cast. Within one family (varchar(n), numeric(p,s)...)
 * the assignment cast is kept: it fails on values that do not fit where an explicit cast would truncate them.
 */
function needsUsing(from: string, to: string): boolean {
  return FAMILY(from) !== FAMILY(to) && !isLosslessConversion(from, to);
}

/** Statements that turn column `a` into `b` (and, swapped, back). */
/** Enum types (and arrays of them) only convert through text. */
function enumTypes(...schemas: Schema[]): Set<string> {
  const names = new Set<string>();
  for (const schema of schemas) for (const e of Object.values(schema.enums)) names.add(qualifiedName(e.schema, e.name)).add(`${qualifiedName(e.schema, e.name)}[]`);
  return names;
}

function alterColumnSql(table: string, a: Column, b: Column, aspects: readonly string[], after: Schema, enums: ReadonlySet<string>): string[] {
  const t = alterTable(table);
  const col = `${t} ALTER COLUMN ${quoteIdent(b.name)}`;
  if (aspects.includes('generated') && !(a.generated !== undefined && b.generated === undefined)) {
    // PostgreSQL before 17 cannot change a generation expression in place.
    return [`${t} DROP COLUMN ${quoteIdent(a.name)}`, `${t} ADD COLUMN ${columnDefinition(b)}`, ...indexesOn(after, table, b.name)];
  }
  const sql: string[] = [];
  const typeChanged = aspects.includes('type') || aspects.includes('collation');
  const resetDefault = a.default !== undefined && (aspects.includes('default') || (typeChanged && !isSafeWidening(a.type, b.type)));
  if (aspects.includes('generated')) sql.push(`${col} DROP EXPRESSION`);
  if (resetDefault) sql.push(`${col} DROP DEFAULT`);
  if (a.identity && !b.identity) sql.push(...identityChanges(a, b).map((s) => `${col} ${s}`));
  const viaText = aspects.includes('type') && (enums.has(a.type) || enums.has(b.type));
  if (typeChanged) sql.push(`${col} ${typeClause(b, aspects.includes('type') && needsUsing(a.type, b.type), viaText)}`);
  if (b.notNull && !a.notNull && !(b.identity && !a.identity)) sql.push(`${col} SET NOT NULL`);
  if (!b.notNull && a.notNull && !(a.identity && b.identity)) sql.push(`${col} DROP NOT NULL`);
  if (b.identity) {
    if (!a.identity && !a.notNull) sql.push(`${col} SET NOT NULL`);
    sql.push(...identityChanges(a, b).map((s) => `${col} ${s}`));
  }
  if (b.default !== undefined && (resetDefault || aspects.includes('default'))) sql.push(`${col} SET DEFAULT ${b.default}`);
  return sql;
}

function typeHazards(c: ChangeOf<'alter_column'>): Hazard[] {
  if (!c.aspects.includes('type') && !c.aspects.includes('collation')) return [];
  const what = `${c.table}.${c.to.name}`;
  if (c.aspects.includes('type') && isSafeWidening(c.from.type, c.to.type)) return [];
  if (!c.aspects.includes('type') || isLosslessConversion(c.from.type, c.to.type)) {
    return [hazard('TABLE_REWRITE', `${what} changes type (${c.from.type} → ${c.to.type}): the table and its indexes are rewritten`), hazard('ACCESS_EXCLUSIVE_LOCK', `${c.table} is locked during the rewrite`)];
  }
  return [
    hazard('DATA_LOSS', `${what} changes type ${c.from.type} → ${c.to.type}: values may be truncated or rounded`),
    hazard('MAY_FAIL', `values of ${what} that do not convert to ${c.to.type} make the migration fail`),
    hazard('TABLE_REWRITE', `${c.table} and its indexes are rewritten`),
    hazard('ACCESS_EXCLUSIVE_LOCK', `${c.table} is locked during the rewrite`),
  ];
}

export function alterColumn(c: ChangeOf<'alter_column'>, ctx: RenderContext): StepDraft {
  const hazards = typeHazards(c);
  if (c.to.notNull && !c.from.notNull) {
    hazards.push(hazard('MAY_FAIL', `SET NOT NULL fails while ${c.table}.${c.to.name} holds NULL`), hazard('BREAKING_CHANGE', `inserts into ${c.table} must now provide ${c.to.name}`));
    hazards.push(hazard('FULL_TABLE_SCAN', `${c.table} is scanned under an ACCESS EXCLUSIVE lock to check for NULLs`));
  }
  const regenerated = c.aspects.includes('generated') && c.from.generated === undefined;
  if (regenerated) hazards.push(hazard('DATA_LOSS', `${c.table}.${c.to.name} becomes a generated column: its stored values are replaced`));
  const lossy = regenerated ? `the values of ${c.table}.${c.from.name} are not restored` : undefined;
  return {
    sql: alterColumnSql(c.table, c.from, c.to, c.aspects, ctx.to, enumTypes(ctx.from, ctx.to)),
    reverse: { kind: 'sql', sql: alterColumnSql(c.table, c.to, c.from, c.aspects, ctx.from, enumTypes(ctx.from, ctx.to)), lossy },
    hazards,
  };
}
