/**
 * Knex: `<timestamp>_<name>.js` (CommonJS, as `knex migrate:make` names it) with `exports.up` and
 * `exports.down` written with the schema builder; `knex.raw` only for what the builder cannot say.
 * Steps that refuse a transaction (CREATE INDEX CONCURRENTLY) switch the file to
 * `exports.config = { transaction: false }`, and the other steps then run in explicit transactions.
 */
import type { Plan } from '../../core/plan.js';
import { chainTimestamp } from '../chain.js';
import type { EmitOptions, EmittedFile, Emitter } from '../emitter.js';
import {
  DATA_LOSS_GUARD,
  downSteps,
  headerLines,
  isGuarded,
  js,
  jsList,
  jsSql,
  transactionRuns,
  upSteps,
  type ActionStep,
  type BuilderOp,
  type PlainColumn,
} from '../builder-ops.js';

export const knexEmitter: Emitter = {
  format: 'knex',
  usesTimestamp: true,
  emit(plan: Plan, options: EmitOptions): EmittedFile[] {
    return [{ path: `${chainTimestamp(options.timestamp, options.existing)}_${options.name}.js`, content: renderKnex(plan, options) }];
  },
};

export function renderKnex(plan: Plan, options: Pick<EmitOptions, 'name' | 'allowDataLoss'>): string {
  const split = !plan.steps.every((s) => s.transactional);
  const lines = [
    ...headerLines(plan, options.name).map((l) => `// ${l}`.trimEnd()),
    `'use strict';`,
    '',
    ...(split ? ['// Some steps refuse to run inside a transaction: the others run in explicit transactions below.', 'exports.config = { transaction: false };', ''] : []),
    `/** @param {import('knex').Knex} knex */`,
    'exports.up = async function up(knex) {',
    ...(isGuarded(plan, options.allowDataLoss) ? [`  throw new Error(${js(DATA_LOSS_GUARD)});`] : []),
    ...body(upSteps(plan), split),
    '};',
    '',
    `/** @param {import('knex').Knex} knex */`,
    'exports.down = async function down(knex) {',
    ...body(downSteps(plan), split),
    '};',
  ];
  return `${lines.join('\n')}\n`;
}

function body(steps: readonly ActionStep[], split: boolean): string[] {
  if (!split) return steps.flatMap((s) => stepLines(s, 'knex', '  '));
  const out: string[] = [];
  for (const run of transactionRuns(steps)) {
    if (!run.transactional) {
      out.push(...run.steps.flatMap((s) => stepLines(s, 'knex', '  ', ' (outside a transaction)')));
      continue;
    }
    out.push('  await knex.transaction(async (trx) => {', ...run.steps.flatMap((s) => stepLines(s, 'trx', '    ')), '  });');
  }
  return out;
}

function stepLines(step: ActionStep, k: string, indent: string, suffix = ''): string[] {
  const out = [`${indent}// ${step.description}${suffix}`.replace(/\n/g, ' ')];
  if (step.note) out.push(`${indent}// ${step.note}`.replace(/\n/g, ' '));
  const action = step.action;
  if (action.kind === 'irreversible') out.push(`${indent}throw new Error(${js(action.message)});`);
  else if (action.kind === 'raw') for (const sql of action.sql) out.push(`${indent}await ${k}.raw(${jsSql(escapeBindings(sql))});`);
  else out.push(...opLines(action.op, k).map((l) => `${indent}${l}`));
  return out;
}

function opLines(op: BuilderOp, k: string): string[] {
  switch (op.op) {
    case 'createTable': {
      const t = op.table;
      const inner = [
        ...t.columns.map((c) => `${columnLine(c, k)};`),
        // The name as a string: Knex's SQLite compiler reads only that form inside createTable.
        ...(t.primaryKey ? [`table.primary(${jsList(t.primaryKey.columns)}, ${js(t.primaryKey.name)});`] : []),
        ...t.uniques.map((u) => `table.unique(${jsList(u.columns)}, { indexName: ${js(u.name)}, useConstraint: true });`),
        ...t.checks.map((c) => `table.check(${js(escapeBindings(c.expression))}, [], ${js(c.name)});`),
      ];
      return [`await ${k}.schema.createTable(${js(t.name)}, (table) => {`, ...inner.map((l) => `  ${l}`), '});'];
    }
    case 'dropTable':
      return [`await ${k}.schema.dropTable(${js(op.table)});`];
    case 'renameTable':
      return [`await ${k}.schema.renameTable(${js(op.from)}, ${js(op.to)});`];
    case 'addColumn':
      return alter(k, op.table, `${columnLine(op.column, k)};`);
    case 'dropColumn':
      return alter(k, op.table, `table.dropColumn(${js(op.column)});`);
    case 'renameColumn':
      return alter(k, op.table, `table.renameColumn(${js(op.from)}, ${js(op.to)});`);
    case 'addIndex':
      return alter(
        k,
        op.table,
        op.index.unique
          ? `table.unique(${jsList(op.index.columns)}, { indexName: ${js(op.index.name)}, useConstraint: false });`
          : `table.index(${jsList(op.index.columns)}, ${js(op.index.name)});`,
      );
    case 'dropIndex':
      return alter(k, op.table, `table.dropIndex(${jsList(op.index.columns)}, ${js(op.index.name)});`);
    case 'addForeignKey': {
      const fk = op.fk;
      return alter(
        k,
        op.table,
        `table.foreign(${jsList(fk.columns)}, ${js(fk.name)}).references(${jsList(fk.refColumns)}).inTable(${js(fk.refTable)}).onDelete(${js(fk.onDelete)}).onUpdate(${js(fk.onUpdate)});`,
      );
    }
    case 'dropForeignKey':
      return alter(k, op.table, `table.dropForeign(${jsList(op.fk.columns)}, ${js(op.fk.name)});`);
  }
}

function alter(k: string, table: string, line: string): string[] {
  return [`await ${k}.schema.alterTable(${js(table)}, (table) => {`, `  ${line}`, '});'];
}

/** Types and defaults keep the database's own spelling: `specificType` and `knex.raw`. */
function columnLine(c: PlainColumn, k: string): string {
  let line = `table.specificType(${js(c.name)}, ${js(c.type)})`;
  if (c.notNull) line += '.notNullable()';
  if (c.default !== undefined) line += `.defaultTo(${k}.raw(${js(escapeBindings(c.default))}))`;
  return line;
}

/** knex.raw reads `?` as a binding; a literal question mark is written `\?`. */
function escapeBindings(sql: string): string {
  return sql.replace(/\?/g, '\\?');
}
