/** Names and canonical definitions of SQLite constraints. */
import type { ConstraintKind } from '../../core/model.js';
import type { ParsedConstraint } from './parse-ddl.js';

export interface ForeignKeyRow {
  readonly table: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly onDelete: string;
  readonly onUpdate: string;
  readonly match: string;
}

const SUFFIX: Record<ConstraintKind, string> = { primary_key: 'pkey', unique: 'key', foreign_key: 'fkey', check: 'check', exclusion: 'excl' };

/**
 * SQLite keeps no name for an unnamed constraint; the model needs a key, so it gets PostgreSQL's
 * spelling (`t_pkey`, `t_a_b_key`, `t_a_fkey`, `t_a_check`): stable while the declaration is.
 */
export function constraintName(
  table: string,
  kind: ConstraintKind,
  columns: readonly string[],
  declared: ParsedConstraint | undefined,
  taken: (name: string) => boolean,
): string {
  if (declared?.name) return declared.name;
  const middle = kind === 'primary_key' ? [] : kind === 'check' ? (declared?.columnLevel ? [declared.columnLevel] : []) : columns;
  const base = [table, ...middle, SUFFIX[kind]].join('_');
  let name = base;
  for (let n = 1; taken(name); n++) name = `${base}${n}`;
  return name;
}

export function quoteSqliteIdent(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function referenceDefinition(fk: ForeignKeyRow, declared: ParsedConstraint | undefined): string {
  const cols = (names: readonly string[]) => names.map(quoteSqliteIdent).join(', ');
  const parts = [`FOREIGN KEY (${cols(fk.from)}) REFERENCES ${quoteSqliteIdent(fk.table)} (${cols(fk.to)})`];
  if (fk.onUpdate !== 'NO ACTION') parts.push(`ON UPDATE ${fk.onUpdate}`);
  if (fk.onDelete !== 'NO ACTION') parts.push(`ON DELETE ${fk.onDelete}`);
  if (fk.match !== 'NONE') parts.push(`MATCH ${fk.match}`);
  if (declared?.deferrable) parts.push(declared.initiallyDeferred ? 'DEFERRABLE INITIALLY DEFERRED' : 'DEFERRABLE');
  return parts.join(' ');
}
