/** SQLite steps that need no rebuild: whole tables, ALTER TABLE's own forms, indexes, views, triggers. */
import type { Change, ChangeOf } from '../../../core/change.js';
import { UserError } from '../../../core/errors.js';
import { hazard } from '../../../core/hazard.js';
import type { Table } from '../../../core/model.js';
import { sortedValues } from '../../../core/model.js';
import type { RenderContext, StepDraft } from '../../../plan/dialect.js';
import { describeChange } from '../../../diff/describe.js';
import { addColumnDefinition, createTableSql, q } from './table-sql.js';

/** A new table is written with its foreign keys (the rebuild pass drops their separate steps). */
export function createTable(c: ChangeOf<'create_table'>, ctx: RenderContext): StepDraft {
  const full = ctx.to.tables[c.to.name] ?? c.to;
  return { sql: [createTableSql(full)], reverse: { kind: 'sql', sql: [`DROP TABLE ${q(c.to.name)}`] } };
}

function restoreTable(table: Table): string[] {
  return [createTableSql(table), ...sortedValues(table.indexes).map((i) => i.definition), ...sortedValues(table.triggers).map((t) => t.definition)];
}

export function dropTable(c: ChangeOf<'drop_table'>, ctx: RenderContext): StepDraft {
  const full = ctx.from.tables[c.from.name] ?? c.from;
  return {
    sql: [`DROP TABLE ${q(c.from.name)}`],
    reverse: { kind: 'sql', sql: restoreTable(full), lossy: `the rows of ${c.from.name} are not restored` },
    hazards: [hazard('DATA_LOSS', `table ${c.from.name} and all its rows are dropped`), hazard('BREAKING_CHANGE', `queries using ${c.from.name} fail`)],
  };
}

export function renameTable(c: ChangeOf<'rename_table'>): StepDraft {
  return {
    sql: [`ALTER TABLE ${q(c.from.name)} RENAME TO ${q(c.to.name)}`],
    reverse: { kind: 'sql', sql: [`ALTER TABLE ${q(c.to.name)} RENAME TO ${q(c.from.name)}`] },
    hazards: [hazard('BREAKING_CHANGE', `clients using ${c.from.name} must use ${c.to.name}`)],
  };
}

export function addColumn(c: ChangeOf<'add_column'>, ctx: RenderContext): StepDraft {
  const table = ctx.to.tables[c.table] as Table;
  return {
    sql: [`ALTER TABLE ${q(c.table)} ADD COLUMN ${addColumnDefinition(table, c.to)}`],
    reverse: { kind: 'sql', sql: [`ALTER TABLE ${q(c.table)} DROP COLUMN ${q(c.to.name)}`] },
  };
}

export function dropColumn(c: ChangeOf<'drop_column'>, ctx: RenderContext): StepDraft {
  const table = ctx.from.tables[c.table] as Table | undefined;
  return {
    sql: [`ALTER TABLE ${q(c.table)} DROP COLUMN ${q(c.from.name)}`],
    reverse: { kind: 'sql', sql: table ? [`ALTER TABLE ${q(c.table)} ADD COLUMN ${addColumnDefinition(table, c.from)}`] : [], lossy: `the values of ${c.table}.${c.from.name} are not restored` },
    hazards: [hazard('DATA_LOSS', `column ${c.table}.${c.from.name} and its values are dropped`), hazard('BREAKING_CHANGE', `queries using ${c.table}.${c.from.name} fail`)],
  };
}

export function renameColumn(c: ChangeOf<'rename_column'>): StepDraft {
  return {
    sql: [`ALTER TABLE ${q(c.table)} RENAME COLUMN ${q(c.from.name)} TO ${q(c.to.name)}`],
    reverse: { kind: 'sql', sql: [`ALTER TABLE ${q(c.table)} RENAME COLUMN ${q(c.to.name)} TO ${q(c.from.name)}`] },
    hazards: [hazard('BREAKING_CHANGE', `clients using ${c.table}.${c.from.name} must use ${c.to.name}`)],
  };
}

/** Made by rebuilding the table: the rebuild pass (rebuild.ts) replaces this step. */
export function byRebuild(change: Change): StepDraft {
  return { sql: [`-- rebuilt with its table: ${describeChange(change).summary}`], reverse: { kind: 'sql', sql: [] } };
}

export function addIndex(c: ChangeOf<'add_index'>): StepDraft {
  return { sql: [c.to.definition], reverse: { kind: 'sql', sql: [`DROP INDEX ${q(c.to.name)}`] }, hazards: [hazard('INDEX_BUILD', `index ${c.to.name} is built on ${c.table}`)] };
}

export function dropIndex(c: ChangeOf<'drop_index'>): StepDraft {
  return { sql: [`DROP INDEX ${q(c.from.name)}`], reverse: { kind: 'sql', sql: [c.from.definition] } };
}

export function createView(c: ChangeOf<'create_view'>): StepDraft {
  return { sql: [`CREATE VIEW ${q(c.to.name)} AS ${c.to.definition}`], reverse: { kind: 'sql', sql: [`DROP VIEW ${q(c.to.name)}`] } };
}

export function dropView(c: ChangeOf<'drop_view'>): StepDraft {
  return { sql: [`DROP VIEW ${q(c.from.name)}`], reverse: { kind: 'sql', sql: [`CREATE VIEW ${q(c.from.name)} AS ${c.from.definition}`] }, hazards: [hazard('BREAKING_CHANGE', `queries using view ${c.from.name} fail`)] };
}

export function createTrigger(c: ChangeOf<'create_trigger'>): StepDraft {
  return { sql: [c.to.definition], reverse: { kind: 'sql', sql: [`DROP TRIGGER ${q(c.to.name)}`] } };
}

export function dropTrigger(c: ChangeOf<'drop_trigger'>): StepDraft {
  return { sql: [`DROP TRIGGER ${q(c.from.name)}`], reverse: { kind: 'sql', sql: [c.from.definition] } };
}

export function unsupported(change: Change): StepDraft {
  throw new UserError('UNSUPPORTED', `SQLite has no equivalent for: ${describeChange(change).summary}`, { hint: 'check that both schemas were read with --dialect sqlite' });
}
