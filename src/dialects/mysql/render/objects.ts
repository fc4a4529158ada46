/** Tables as wholes, views, triggers and routines on MySQL/MariaDB; what MySQL does not have is refused. */
import type { Change, ChangeOf } from '../../../core/change.js';
import { UserError } from '../../../core/errors.js';
import { hazard } from '../../../core/hazard.js';
import type { Routine, Table, View } from '../../../core/model.js';
import { sortedValues } from '../../../core/model.js';
import type { RenderContext, StepDraft } from '../../../plan/dialect.js';
import { describeChange } from '../../../diff/describe.js';
import { alterPiece, alterStatement, copyHazard } from './clauses.js';
import { createTableSql, q } from './sql-parts.js';

/** A new table is written whole, with its indexes and comments (merge.ts drops their separate steps). */
export function createTable(c: ChangeOf<'create_table'>, ctx: RenderContext): StepDraft {
  const full = ctx.to.tables[c.to.name];
  const table = full ? { ...full, constraints: c.to.constraints } : c.to;
  return { sql: [createTableSql(table)], reverse: { kind: 'sql', sql: [`DROP TABLE ${q(c.to.name)}`] } };
}

/** What dropping a table takes with it and its reverse must bring back: indexes, keys, triggers. */
function restoreTable(table: Table): string[] {
  return [createTableSql(table, true), ...sortedValues(table.triggers).map((t) => t.definition)];
}

export function dropTable(c: ChangeOf<'drop_table'>): StepDraft {
  return {
    sql: [`DROP TABLE ${q(c.from.name)}`],
    reverse: { kind: 'sql', sql: restoreTable(c.from), lossy: `the rows of ${c.from.name} are not restored` },
    hazards: [hazard('DATA_LOSS', `table ${c.from.name} and all its rows are dropped`), hazard('BREAKING_CHANGE', `queries using ${c.from.name} fail`)],
  };
}

export function renameTable(c: ChangeOf<'rename_table'>): StepDraft {
  return {
    sql: [`RENAME TABLE ${q(c.from.name)} TO ${q(c.to.name)}`],
    reverse: { kind: 'sql', sql: [`RENAME TABLE ${q(c.to.name)} TO ${q(c.from.name)}`] },
    hazards: [hazard('BREAKING_CHANGE', `clients using ${c.from.name} must use ${c.to.name}`)],
  };
}

/** Every ALTER TABLE change: one statement with its online-DDL hint (finish.ts may merge several). */
export function alterStep(change: Change, ctx: RenderContext): StepDraft {
  const piece = alterPiece(change, ctx);
  if (!piece) return { sql: [], reverse: { kind: 'sql', sql: [] } };
  if (piece.forward.length === 0) return { sql: [], reverse: { kind: 'sql', sql: [] } };
  const forward = alterStatement(piece.table, piece.forward);
  const reverse = alterStatement(piece.table, piece.reverse);
  return {
    sql: [forward.sql],
    reverse: { kind: 'sql', sql: piece.reverse.length ? [reverse.sql] : [], ...(piece.lossy ? { lossy: piece.lossy } : {}) },
    hazards: [...piece.hazards, ...copyHazard(piece.table, forward.copies)],
    transactional: false,
  };
}

function viewSql(view: View, replace: boolean): string {
  const options = new Map((view.options ?? []).map((o) => [o.slice(0, o.indexOf('=')), o.slice(o.indexOf('=') + 1)]));
  const security = options.get('security') ? ` SQL SECURITY ${options.get('security')?.toUpperCase()}` : '';
  const check = options.get('check_option') ? ` WITH ${options.get('check_option')?.toUpperCase()} CHECK OPTION` : '';
  return `CREATE ${replace ? 'OR REPLACE ' : ''}${security ? `${security.trim()} ` : ''}VIEW ${q(view.name)} AS ${view.definition}${check}`;
}

export function createView(c: ChangeOf<'create_view'>): StepDraft {
  return { sql: [viewSql(c.to, false)], reverse: { kind: 'sql', sql: [`DROP VIEW ${q(c.to.name)}`] } };
}

export function dropView(c: ChangeOf<'drop_view'>): StepDraft {
  return { sql: [`DROP VIEW ${q(c.from.name)}`], reverse: { kind: 'sql', sql: [viewSql(c.from, false)] }, hazards: [hazard('BREAKING_CHANGE', `queries using view ${c.from.name} fail`)] };
}

export function replaceView(c: ChangeOf<'replace_view'>): StepDraft {
  return { sql: [viewSql(c.to, true)], reverse: { kind: 'sql', sql: [viewSql(c.from, true)] } };
}

function dropRoutineSql(r: Routine): string {
  return `DROP ${r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${q(r.name)}`;
}

export function createRoutine(c: ChangeOf<'create_routine'>): StepDraft {
  return { sql: [c.to.definition], reverse: { kind: 'sql', sql: [dropRoutineSql(c.to)] } };
}

export function dropRoutine(c: ChangeOf<'drop_routine'>): StepDraft {
  return { sql: [dropRoutineSql(c.from)], reverse: { kind: 'sql', sql: [c.from.definition] }, hazards: [hazard('BREAKING_CHANGE', `callers of ${c.from.name} fail`)] };
}

/** MySQL has no CREATE OR REPLACE for routines (MariaDB has): drop and create, both ways. */
export function replaceRoutine(c: ChangeOf<'replace_routine'>): StepDraft {
  return { sql: [dropRoutineSql(c.from), c.to.definition], reverse: { kind: 'sql', sql: [dropRoutineSql(c.to), c.from.definition] } };
}

export function createTrigger(c: ChangeOf<'create_trigger'>): StepDraft {
  return { sql: [c.to.definition], reverse: { kind: 'sql', sql: [`DROP TRIGGER ${q(c.to.name)}`] } };
}

export function dropTrigger(c: ChangeOf<'drop_trigger'>): StepDraft {
  return { sql: [`DROP TRIGGER ${q(c.from.name)}`], reverse: { kind: 'sql', sql: [c.from.definition] } };
}

/** Change kinds that have no MySQL meaning: a schema model from MySQL never produces them. */
export function unsupported(change: Change): StepDraft {
  throw new UserError('UNSUPPORTED', `MySQL has no equivalent for: ${describeChange(change).summary}`, { hint: 'check that both schemas were read with --dialect mysql' });
}
