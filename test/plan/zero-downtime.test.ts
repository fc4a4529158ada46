/**
 * Every zero-downtime pattern: the phases it plans, what their SQL holds, that lint-migration finds no
 * error in any phase beyond what the phase accepts in writing, and that applying the phases one by one
 * on PGlite (with rows) reaches exactly the desired schema.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { introspectPostgres } from '../../src/dialects/postgres/introspect.js';
import { describeChange } from '../../src/diff/describe.js';
import { diffSchemas } from '../../src/diff/diff.js';
import { lintSql, loadPostgresParser } from '../../src/lint/lint.js';
import { zeroDowntimePlan, type ZeroDowntimePlanOutput } from '../../src/ops/zero-downtime-plan.js';
import { isCommentOnly } from '../../src/plan/zero-downtime/phases.js';
import { loadSchema } from '../../src/sources/resolve.js';
import { acquireScratch, closeScratchPool } from '../../src/validate/scratch-postgres.js';
import { RENAME_AND_NOT_NULL, ZDT_CASES } from '../helpers/zero-downtime-cases.js';

afterAll(async () => {
  await closeScratchPool();
});

const DIRECTIVE = /-- migration-generator-disable (\S+) -- /g;

function disabledRules(sql: string): string[] {
  return [...sql.matchAll(DIRECTIVE)].map((m) => m[1] as string);
}

describe('zero-downtime patterns', () => {
  for (const c of [...ZDT_CASES, RENAME_AND_NOT_NULL]) {
    it(c.name, async () => {
      const plan = await zeroDowntimePlan({ from: c.from, to: c.to, renames: [...(c.renames ?? [])], timestamp: '20250101000000', name: 'zdt' });
      expect(plan.phases.map((p) => p.id)).toEqual(c.phases);
      const all = plan.phases.map((p) => p.up).join('\n');
      for (const snippet of c.contains ?? []) expect(all).toContain(snippet);
      expect(plan.warnings.filter((w) => w.code === 'NOT_ZERO_DOWNTIME' || w.code === 'LINT_ERROR')).toEqual([]);
      await expectLintAgrees(plan);
      await expectPhasesReachTarget(plan, c.from, c.to, c.seed);
      await expectDownsRestoreSource(plan, c.from, c.seed);
    });
  }

  it('plans a change no strategy covers in place, accepting its lint errors with a NOT_ZERO_DOWNTIME warning', async () => {
    const from = 'CREATE TABLE t (id integer PRIMARY KEY, n integer); CREATE TABLE u (id bigint PRIMARY KEY, t_id integer REFERENCES t (id));';
    const to = 'CREATE TABLE t (id bigint PRIMARY KEY, n integer); CREATE TABLE u (id bigint PRIMARY KEY, t_id integer REFERENCES t (id));';
    const plan = await zeroDowntimePlan({ from, to });
    const warnings = plan.warnings.filter((w) => w.code === 'NOT_ZERO_DOWNTIME');
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/changing-column-type/);
    const expand = plan.phases.find((p) => p.id === 'expand')!;
    expect(expand.up).toContain('-- migration-generator-disable changing-column-type -- not zero-downtime:');
    expect(expand.accepted.map((a) => a.rule)).toContain('changing-column-type');
    await expectLintAgrees(plan);
    await expectPhasesReachTarget(plan, from, to, 'INSERT INTO t SELECT g, g FROM generate_series(1, 20) AS g; INSERT INTO u SELECT g, g FROM generate_series(1, 20) AS g;');
  });

  it('renames a column that is part of a key in place, and says it is not zero-downtime', async () => {
    const from = 'CREATE TABLE t (id bigint PRIMARY KEY, code text CONSTRAINT t_code_key UNIQUE); CREATE INDEX t_code_idx ON t (code);';
    const to = 'CREATE TABLE t (id bigint PRIMARY KEY, ref text CONSTRAINT t_code_key UNIQUE); CREATE INDEX t_code_idx ON t (ref);';
    const plan = await zeroDowntimePlan({ from, to, renames: ['t.code=t.ref'] });
    expect(plan.warnings.filter((w) => w.code === 'NOT_ZERO_DOWNTIME').map((w) => w.object)).toContain('public.t.code');
    await expectLintAgrees(plan);
    await expectPhasesReachTarget(plan, from, to, "INSERT INTO t SELECT g, 'c' || g FROM generate_series(1, 20) AS g;");
  });
});

/** No error finding survives in a phase, and every disable comment is listed, with its reason, as accepted. */
async function expectLintAgrees(plan: ZeroDowntimePlanOutput): Promise<void> {
  await loadPostgresParser();
  for (const phase of plan.phases) {
    for (const text of [phase.up, phase.down ?? '']) {
      const errors = lintSql(text).findings.filter((f) => f.severity === 'error');
      expect(errors.map((e) => `${phase.id}: ${e.rule}: ${e.message}`)).toEqual([]);
    }
    const withoutDirectives = lintSql(phase.up, { disable: [] });
    expect(withoutDirectives.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect([...new Set(disabledRules(phase.up))].sort()).toEqual([...new Set(phase.accepted.map((a) => a.rule))].sort());
    expect(phase.up).toMatch(/SET (LOCAL )?lock_timeout = '2s'/);
    expect(phase.up).toMatch(/SET (LOCAL )?statement_timeout = /);
  }
}

/** Every phase before contract, then their downs in reverse: back to the current schema. */
async function expectDownsRestoreSource(plan: ZeroDowntimePlanOutput, from: string, seed: string): Promise<void> {
  const reversible = plan.phases.filter((p) => p.kind !== 'contract');
  // PostgreSQL cannot drop an enum value: a plan that adds one does not come all the way back.
  if (reversible.length === 0 || reversible.some((p) => p.id === 'expand-types')) return;
  const source = await loadSchema(from, { dialect: 'postgres' });
  const scratch = await acquireScratch();
  try {
    await scratch.client.exec(from);
    await scratch.client.exec(seed);
    const run = async (id: string, statements: readonly string[]) => {
      for (const statement of statements.filter((s) => !isCommentOnly(s))) {
        await scratch.client.exec(statement).catch((error: Error) => {
          throw new Error(`${id}: ${error.message}\n${statement}`);
        });
      }
    };
    for (const phase of reversible) await run(`${phase.id} up`, phase.statements);
    for (const phase of [...reversible].reverse()) await run(`${phase.id} down`, phase.downStatements);
    const actual = await introspectPostgres(scratch.client);
    expect(diffSchemas(actual, source).changes.map((change) => describeChange(change).summary)).toEqual([]);
  } finally {
    await scratch.release();
  }
}

async function expectPhasesReachTarget(plan: ZeroDowntimePlanOutput, from: string, to: string, seed: string): Promise<void> {
  const desired = await loadSchema(to, { dialect: 'postgres' });
  const scratch = await acquireScratch();
  try {
    await scratch.client.exec(from);
    await scratch.client.exec(seed);
    for (const phase of plan.phases) {
      for (const statement of phase.statements) {
        if (isCommentOnly(statement)) continue;
        await scratch.client.exec(statement).catch((error: Error) => {
          throw new Error(`${phase.id}: ${error.message}\n${statement}`);
        });
      }
    }
    const actual = await introspectPostgres(scratch.client);
    expect(diffSchemas(actual, desired).changes.map((change) => describeChange(change).summary)).toEqual([]);
  } finally {
    await scratch.release();
  }
}
