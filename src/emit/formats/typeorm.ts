/**
 * TypeORM: `<ms>-<Name>.ts` holding `class <Name><ms> implements MigrationInterface`, as
 * `typeorm migration:create` names it, written with QueryRunner's Table/TableColumn/TableIndex/
 * TableForeignKey API where it says exactly the planned change and `queryRunner.query` otherwise.
 * Steps that refuse a transaction set `transaction = false` (run with migrationsTransactionMode
 * "each"); the other steps then open their own transactions.
 */
import type { DialectId } from '../../core/model.js';
import type { Plan } from '../../core/plan.js';
import { chainMillis } from '../chain.js';
import type { EmitOptions, EmittedFile, Emitter } from '../emitter.js';
import {
  DATA_LOSS_GUARD,
  downSteps,
  headerLines,
  isGuarded,
  js,
  jsList,
  jsSql,
  timestampMillis,
  transactionRuns,
  upSteps,
  type ActionStep,
  type BuilderOp,
  type PlainColumn,
  type PlainTable,
} from '../builder-ops.js';

export const typeormEmitter: Emitter = {
  format: 'typeorm',
  usesTimestamp: true,
  emit(plan: Plan, options: EmitOptions): EmittedFile[] {
    const millis = chainMillis(timestampMillis(options.timestamp), options.existing);
    const name = pascalCase(options.name);
    return [{ path: `${millis}-${name}.ts`, content: renderTypeorm(plan, { ...options, className: `${name}${millis}` }) }];
  },
};

export function pascalCase(slug: string): string {
  const out = slug
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return /^[A-Za-z]/.test(out) ? out : `Migration${out}`;
}

const API = ['Table', 'TableColumn', 'TableIndex', 'TableForeignKey'] as const;

export function renderTypeorm(plan: Plan, options: Pick<EmitOptions, 'name' | 'allowDataLoss'> & { className: string }): string {
  const split = !plan.steps.every((s) => s.transactional);
  const up = body(upSteps(plan), split, plan.dialect);
  const down = body(downSteps(plan), split, plan.dialect);
  const used = API.filter((name) => [...up, ...down].some((l) => l.includes(`new ${name}(`)));
  const lines = [
    ...headerLines(plan, options.name).map((l) => `// ${l}`.trimEnd()),
    `import { MigrationInterface, QueryRunner${used.map((n) => `, ${n}`).join('')} } from 'typeorm';`,
    '',
    `export class ${options.className} implements MigrationInterface {`,
    `  name = ${js(options.className)};`,
    ...(split
      ? [
          '  // Some steps refuse to run inside a transaction: run with migrationsTransactionMode "each"',
          '  // (`migration:run -t each`, `migration:revert -t none`); the other steps open their own below.',
          '  transaction = false;',
        ]
      : []),
    '',
    '  public async up(queryRunner: QueryRunner): Promise<void> {',
    ...(isGuarded(plan, options.allowDataLoss) ? [`    throw new Error(${js(DATA_LOSS_GUARD)});`] : []),
    ...up,
    '  }',
    '',
    '  public async down(queryRunner: QueryRunner): Promise<void> {',
    ...down,
    '  }',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

function body(steps: readonly ActionStep[], split: boolean, dialect: DialectId): string[] {
  if (!split) return steps.flatMap((s) => stepLines(s, dialect, '    '));
  const out: string[] = [];
  for (const run of transactionRuns(steps)) {
    if (!run.transactional) {
      out.push(...run.steps.flatMap((s) => stepLines(s, dialect, '    ', ' (outside a transaction)')));
      continue;
    }
    out.push(
      '    await queryRunner.startTransaction();',
      '    try {',
      ...run.steps.flatMap((s) => stepLines(s, dialect, '      ')),
      '      await queryRunner.commitTransaction();',
      '    } catch (error) {',
      '      await queryRunner.rollbackTransaction();',
      '      throw error;',
      '    }',
    );
  }
  return out;
}

function stepLines(step: ActionStep, dialect: DialectId, indent: string, suffix = ''): string[] {
  const out = [`${indent}// ${step.description}${suffix}`.replace(/\n/g, ' ')];
  if (step.note) out.push(`${indent}// ${step.note}`.replace(/\n/g, ' '));
  const action = step.action;
  const op = action.kind === 'op' ? opLines(action.op, dialect) : undefined;
  if (action.kind === 'irreversible') out.push(`${indent}throw new Error(${js(action.message)});`);
  else if (op) out.push(...op.map((l) => `${indent}${l}`));
  else for (const sql of action.sql) out.push(`${indent}await queryRunner.query(${jsSql(sql)});`);
  return out;
}

/**
 * undefined where QueryRunner would do more than the change: renameTable and renameColumn also rename
 * sequences and constraints TypeORM named, and user-defined types need TypeORM's own enum handling.
 */
function opLines(op: BuilderOp, dialect: DialectId): string[] | undefined {
  switch (op.op) {
    case 'createTable':
      return createTable(op.table, dialect);
    case 'dropTable':
      return [`await queryRunner.dropTable(${js(op.table)});`];
    case 'renameTable':
      return undefined;
    case 'addColumn': {
      const column = tableColumn(op.column, undefined, dialect);
      return column === undefined ? undefined : [`await queryRunner.addColumn(${js(op.table)}, new TableColumn(${column}));`];
    }
    case 'dropColumn':
      // dropColumn also drops an enum type the column was the last to use.
      return userType(op.type) ? undefined : [`await queryRunner.dropColumn(${js(op.table)}, ${js(op.column)});`];
    case 'renameColumn':
      return op.serial ? undefined : [`await queryRunner.renameColumn(${js(op.table)}, ${js(op.from)}, ${js(op.to)});`];
    case 'addIndex':
      return [`await queryRunner.createIndex(${js(op.table)}, new TableIndex({ name: ${js(op.index.name)}, columnNames: ${jsList(op.index.columns)}, isUnique: ${op.index.unique} }));`];
    case 'dropIndex':
      return [`await queryRunner.dropIndex(${js(op.table)}, ${js(op.index.name)});`];
    case 'addForeignKey': {
      const fk = op.fk;
      return [
        `await queryRunner.createForeignKey(${js(op.table)}, new TableForeignKey({`,
        `  name: ${js(fk.name)},`,
        `  columnNames: ${jsList(fk.columns)},`,
        `  referencedTableName: ${js(fk.refTable)},`,
        `  referencedColumnNames: ${jsList(fk.refColumns)},`,
        `  onDelete: ${js(fk.onDelete)},`,
        `  onUpdate: ${js(fk.onUpdate)},`,
        '}));',
      ];
    }
    case 'dropForeignKey':
      return [`await queryRunner.dropForeignKey(${js(op.table)}, ${js(op.fk.name)});`];
  }
}

function createTable(table: PlainTable, dialect: DialectId): string[] | undefined {
  const pk = new Set(table.primaryKey?.columns ?? []);
  const columns = table.columns.map((c) => tableColumn(c, pk.has(c.name) ? table.primaryKey?.name : undefined, dialect));
  if (columns.some((c) => c === undefined)) return undefined;
  return [
    `await queryRunner.createTable(new Table({`,
    `  name: ${js(table.name)},`,
    '  columns: [',
    ...columns.map((c) => `    ${c},`),
    '  ],',
    ...(table.uniques.length ? ['  uniques: [', ...table.uniques.map((u) => `    { name: ${js(u.name)}, columnNames: ${jsList(u.columns)} },`), '  ],'] : []),
    ...(table.checks.length ? ['  checks: [', ...table.checks.map((c) => `    { name: ${js(c.name)}, expression: ${js(c.expression)} },`), '  ],'] : []),
    '}));',
  ];
}

/** A schema-qualified or quoted type: an enum, domain or composite, which TypeORM treats as its own. */
function userType(type: string): boolean {
  return /[".]/.test(type);
}

const SIZED = /^(character varying|character|bit|bit varying)\((\d+)\)$/;
const NUMERIC = /^numeric\((\d+),(\d+)\)$/;

/** TableColumn options; undefined for a type TypeORM would handle as its own (a user-defined type). */
function tableColumn(c: PlainColumn, primaryKeyName: string | undefined, dialect: DialectId): string | undefined {
  if (userType(c.type)) return undefined;
  const parts = [`name: ${js(c.name)}`];
  const sized = SIZED.exec(c.type);
  const numeric = NUMERIC.exec(c.type);
  if (sized) parts.push(`type: ${js(sized[1] as string)}`, `length: ${js(sized[2] as string)}`);
  else if (numeric) parts.push(`type: 'numeric'`, `precision: ${numeric[1]}`, `scale: ${numeric[2]}`);
  else parts.push(`type: ${js(c.type)}`);
  if (primaryKeyName !== undefined) parts.push('isPrimary: true', `primaryKeyConstraintName: ${js(primaryKeyName)}`);
  // A PostgreSQL key column is NOT NULL; SQLite keeps a key column nullable unless declared otherwise.
  parts.push(`isNullable: ${!c.notNull && (primaryKeyName === undefined || dialect === 'sqlite')}`);
  if (c.default !== undefined) parts.push(`default: ${js(c.default)}`);
  return `{ ${parts.join(', ')} }`;
}
