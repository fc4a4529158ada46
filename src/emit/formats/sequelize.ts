/**
 * Sequelize: `<timestamp>-<name>.js` (CommonJS, as `sequelize-cli migration:generate` names it) with
 * `up` and `down` on `queryInterface`. Neither sequelize-cli nor umzug wraps a migration in a
 * transaction, so transactional steps run in `queryInterface.sequelize.transaction(...)` and steps that
 * refuse one (CREATE INDEX CONCURRENTLY) run outside it. `queryInterface.sequelize.query` only for
 * what queryInterface cannot say.
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
  type PlainTable,
} from '../builder-ops.js';

export const sequelizeEmitter: Emitter = {
  format: 'sequelize',
  usesTimestamp: true,
  emit(plan: Plan, options: EmitOptions): EmittedFile[] {
    return [{ path: `${chainTimestamp(options.timestamp, options.existing)}-${options.name.replace(/_/g, '-')}.js`, content: renderSequelize(plan, options) }];
  },
};

export function renderSequelize(plan: Plan, options: Pick<EmitOptions, 'name' | 'allowDataLoss'>): string {
  const lines = [
    `'use strict';`,
    '',
    ...headerLines(plan, options.name).map((l) => `// ${l}`.trimEnd()),
    '',
    `/** @type {import('sequelize-cli').Migration} */`,
    'module.exports = {',
    '  async up(queryInterface, Sequelize) {',
    ...(isGuarded(plan, options.allowDataLoss) ? [`    throw new Error(${js(DATA_LOSS_GUARD)});`] : []),
    ...body(upSteps(plan)),
    '  },',
    '',
    '  async down(queryInterface, Sequelize) {',
    ...body(downSteps(plan)),
    '  },',
    '};',
  ];
  return `${lines.join('\n')}\n`;
}

function body(steps: readonly ActionStep[]): string[] {
  const out: string[] = [];
  for (const run of transactionRuns(steps)) {
    if (!run.transactional) {
      out.push(...run.steps.flatMap((s) => stepLines(s, '    ', '', ' (outside a transaction)')));
      continue;
    }
    out.push(
      '    await queryInterface.sequelize.transaction(async (transaction) => {',
      ...run.steps.flatMap((s) => stepLines(s, '      ', 'transaction')),
      '    });',
    );
  }
  return out;
}

function stepLines(step: ActionStep, indent: string, transaction: string, suffix = ''): string[] {
  const out = [`${indent}// ${step.description}${suffix}`.replace(/\n/g, ' ')];
  if (step.note) out.push(`${indent}// ${step.note}`.replace(/\n/g, ' '));
  const action = step.action;
  const opts = transaction ? '{ transaction }' : '{}';
  const op = action.kind === 'op' ? opLines(action.op, opts) : undefined;
  if (action.kind === 'irreversible') out.push(`${indent}throw new Error(${js(action.message)});`);
  else if (op) out.push(...op.map((l) => `${indent}${l}`));
  else for (const sql of action.sql) out.push(`${indent}await queryInterface.sequelize.query(${jsSql(sql)}, ${opts});`);
  return out;
}

/** undefined where queryInterface would not create exactly the planned object. */
function opLines(op: BuilderOp, opts: string): string[] | undefined {
  const withOpts = (extra: string) => (opts === '{}' ? `{ ${extra} }` : `{ ${extra}, transaction }`);
  switch (op.op) {
    case 'createTable':
      return createTable(op.table, opts);
    case 'dropTable':
      return [`await queryInterface.dropTable(${js(op.table)}, ${opts});`];
    case 'renameTable':
      return [`await queryInterface.renameTable(${js(op.from)}, ${js(op.to)}, ${opts});`];
    case 'addColumn':
      return [`await queryInterface.addColumn(${js(op.table)}, ${js(op.column.name)}, ${attribute(op.column)}, ${opts});`];
    case 'dropColumn':
      return [`await queryInterface.removeColumn(${js(op.table)}, ${js(op.column)}, ${opts});`];
    case 'renameColumn':
      return [`await queryInterface.renameColumn(${js(op.table)}, ${js(op.from)}, ${js(op.to)}, ${opts});`];
    case 'addIndex':
      return [`await queryInterface.addIndex(${js(op.table)}, ${jsList(op.index.columns)}, ${withOpts(`name: ${js(op.index.name)}, unique: ${op.index.unique}`)});`];
    case 'dropIndex':
      return [`await queryInterface.removeIndex(${js(op.table)}, ${js(op.index.name)}, ${opts});`];
    case 'addForeignKey': {
      const fk = op.fk;
      const references = `references: { table: ${js(fk.refTable)}, fields: ${jsList(fk.refColumns)} }`;
      return [
        `await queryInterface.addConstraint(${js(op.table)}, ${withOpts(`type: 'foreign key', name: ${js(fk.name)}, fields: ${jsList(fk.columns)}, ${references}, onDelete: ${js(fk.onDelete)}, onUpdate: ${js(fk.onUpdate)}`)});`,
      ];
    }
    case 'dropForeignKey':
      return [`await queryInterface.removeConstraint(${js(op.table)}, ${js(op.fk.name)}, ${opts});`];
  }
}

/**
 * createTable names its primary key `<table>_pkey` (PostgreSQL's default) and takes unique keys by name;
 * a table with another primary-key name or with CHECK constraints is written as SQL.
 */
function createTable(table: PlainTable, opts: string): string[] | undefined {
  if (table.checks.length) return undefined;
  if (table.primaryKey && table.primaryKey.name !== `${table.name}_pkey`) return undefined;
  const pk = new Set(table.primaryKey?.columns ?? []);
  const columns = table.columns.map((c) => `  ${js(c.name)}: ${attribute(c, pk.has(c.name))},`);
  const uniqueKeys = table.uniques.map((u) => `    ${js(u.name)}: { fields: ${jsList(u.columns)} },`);
  const options = uniqueKeys.length ? ['{', ...(opts === '{}' ? [] : ['  transaction,']), '  uniqueKeys: {', ...uniqueKeys, '  },', '}'] : [opts];
  const [first, ...rest] = options;
  return [`await queryInterface.createTable(${js(table.name)}, {`, ...columns, `}, ${first}${rest.length ? '' : ');'}`, ...rest.map((l, i) => (i === rest.length - 1 ? `${l});` : l))];
}

/** Types and defaults keep the database's own spelling: a type string and `Sequelize.literal`. */
function attribute(c: PlainColumn, primaryKey = false): string {
  const parts = [`type: ${js(c.type)}`, `allowNull: ${!c.notNull && !primaryKey}`];
  if (primaryKey) parts.push('primaryKey: true');
  if (c.default !== undefined) parts.push(`defaultValue: Sequelize.literal(${js(c.default)})`);
  return `{ ${parts.join(', ')} }`;
}
