/**
 * goose SQL migrations: `<version>_<name>.sql` with `-- +goose Up` and `-- +goose Down` sections. goose
 * splits a section at lines ending in `;`, so a statement with semicolons or dollar quotes inside
 * (functions, DO blocks) sits between `StatementBegin` and `StatementEnd`. goose runs a file in one
 * transaction unless it says `-- +goose NO TRANSACTION`; steps that need that get a file of their own.
 */
import type { Plan } from '../../core/plan.js';
import { bumpVersion, nextVersion } from '../chain.js';
import type { EmitOptions, EmittedFile, Emitter } from '../emitter.js';
import { failingStatement, frameworkPlan, stepStatements, transactionRuns, type FrameworkStep } from '../framework-steps.js';

export const gooseEmitter: Emitter = {
  format: 'goose',
  usesTimestamp: true,
  emit(plan: Plan, options: EmitOptions): EmittedFile[] {
    const fp = frameworkPlan(plan, options.allowDataLoss);
    const first = nextVersion(options.existing, options.timestamp, 5).version;
    return transactionRuns(fp.steps).map((run, i) => {
      const guard = i === 0 && fp.guard ? [failingStatement(fp.dialect, fp.guard)] : [];
      const lines = [
        ...(run.transactional ? [] : ['-- +goose NO TRANSACTION']),
        ...run.steps.map((s) => `-- ${describe(s)}`),
        '-- +goose Up',
        ...statements([...guard, ...run.steps.flatMap((s) => stepStatements(s, 'up', fp.dialect))]),
        '',
        '-- +goose Down',
        ...statements([...run.steps].reverse().flatMap((s) => stepStatements(s, 'down', fp.dialect))),
      ];
      return { path: `${bumpVersion(first, i)}_${options.name}.sql`, content: `${lines.join('\n').trimEnd()}\n` };
    });
  },
};

function describe(step: FrameworkStep): string {
  return `${step.description.replace(/\n/g, ' ')}${step.transactional ? '' : ' (runs outside a transaction)'}${step.lossy ? ` (LOSSY when undone: ${step.lossy.replace(/\n/g, ' ')})` : ''}`;
}

/** goose ends a statement at any line ending in `;`: statements with `;` or dollar quotes inside are fenced. */
function statements(list: readonly string[]): string[] {
  return list.flatMap((sql) => (/[;$]/.test(sql) ? ['-- +goose StatementBegin', `${sql};`, '-- +goose StatementEnd'] : [`${sql};`]));
}
