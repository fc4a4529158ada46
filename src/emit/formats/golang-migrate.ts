/**
 * golang-migrate: `<version>_<name>.up.sql` and `.down.sql` pairs. The version continues the folder's
 * sequence (`000007_`) or is the timestamp, migrate's default for new files. migrate sends each file to
 * PostgreSQL as one query string, which runs as one implicit transaction, so a statement PostgreSQL
 * refuses inside a transaction (CREATE INDEX CONCURRENTLY...) gets a version of its own.
 */
import type { Plan } from '../../core/plan.js';
import { bumpVersion, nextVersion } from '../chain.js';
import type { EmitOptions, EmittedFile, Emitter } from '../emitter.js';
import { failingStatement, frameworkPlan, stepStatements, transactionRuns, type FrameworkPlan, type FrameworkStep } from '../framework-steps.js';

export const golangMigrateEmitter: Emitter = {
  format: 'golang-migrate',
  usesTimestamp: true,
  emit(plan: Plan, options: EmitOptions): EmittedFile[] {
    const fp = frameworkPlan(plan, options.allowDataLoss);
    const first = nextVersion(options.existing, options.timestamp, 6).version;
    return migrations(fp).flatMap((m, i) => {
      const base = `${bumpVersion(first, i)}_${options.name}`;
      const guard = i === 0 && fp.guard ? [failingStatement(fp.dialect, fp.guard)] : [];
      return [
        { path: `${base}.up.sql`, content: render([...guard, ...m.up], m.comments) },
        { path: `${base}.down.sql`, content: render(m.down, m.comments.map((c) => `undo: ${c}`)) },
      ];
    });
  },
};

interface Migration {
  readonly up: readonly string[];
  readonly down: readonly string[];
  readonly comments: readonly string[];
}

/** One migration per transactional run; one per statement where a statement must run alone. */
function migrations(fp: FrameworkPlan): Migration[] {
  const out: Migration[] = [];
  for (const run of transactionRuns(fp.steps)) {
    if (run.transactional) {
      out.push({
        up: run.steps.flatMap((s) => stepStatements(s, 'up', fp.dialect)),
        down: [...run.steps].reverse().flatMap((s) => stepStatements(s, 'down', fp.dialect)),
        comments: run.steps.map(describe),
      });
      continue;
    }
    for (const step of run.steps) {
      const up = stepStatements(step, 'up', fp.dialect);
      const down = stepStatements(step, 'down', fp.dialect);
      // Versions run up in order and down in reverse: the i-th of k versions undoes with the (k+1-i)-th reverse.
      const k = Math.max(up.length, down.length, 1);
      for (let i = 0; i < k; i++) {
        out.push({ up: up[i] ? [up[i] as string] : [], down: down[k - 1 - i] ? [down[k - 1 - i] as string] : [], comments: [`${describe(step)} (runs outside a transaction, part ${i + 1} of ${k})`] });
      }
    }
  }
  return out;
}

function describe(step: FrameworkStep): string {
  return `${step.description.replace(/\n/g, ' ')}${step.lossy ? ` (LOSSY when undone: ${step.lossy.replace(/\n/g, ' ')})` : ''}`;
}

function render(statements: readonly string[], comments: readonly string[]): string {
  const lines = [...comments.map((c) => `-- ${c}`), ''];
  if (statements.length === 0) lines.push('-- nothing to do in this direction');
  for (const statement of statements) lines.push(`${statement};`, '');
  return `${lines.join('\n').trimEnd()}\n`;
}
