/** The batched backfill on its own: keyset walk, resume from a key, a rerun that only does what is left, the ctid path. */
import { afterAll, describe, expect, it } from 'vitest';
import { backfillSql } from '../../src/plan/zero-downtime/sql.js';
import { loadSchema } from '../../src/sources/resolve.js';
import { acquireScratch, closeScratchPool } from '../../src/validate/scratch-postgres.js';

afterAll(async () => {
  await closeScratchPool();
});

const job = { table: 'public.t', label: 'public.t.b', set: 'b = a * 2', pending: 'b IS DISTINCT FROM a * 2' };

async function counts(client: { query: <R>(sql: string) => Promise<R[]> }) {
  const [row] = await client.query<{ done: number; left: number }>('SELECT count(*) FILTER (WHERE b = a * 2)::int AS done, count(*) FILTER (WHERE b IS NULL)::int AS left FROM t');
  return row;
}

describe('batched backfill', () => {
  it('walks the primary key in batches, resumes from a key, and a rerun finishes only what is left', async () => {
    const ddl = 'CREATE TABLE t (id bigint PRIMARY KEY, a integer, b integer);';
    const table = (await loadSchema(ddl, { dialect: 'postgres' })).tables['public.t']!;
    const sql = backfillSql(job, table, 7);
    expect(sql).toContain('ORDER BY id LIMIT 7');
    expect(sql).not.toMatch(/OFFSET/i);
    const scratch = await acquireScratch();
    try {
      await scratch.client.exec(`${ddl} INSERT INTO t SELECT g, g, NULL FROM generate_series(1, 100) AS g;`);
      await scratch.client.exec("SET mg.backfill_from = '61'");
      await scratch.client.exec(sql);
      expect(await counts(scratch.client)).toEqual({ done: 40, left: 60 });
      await scratch.client.exec('RESET mg.backfill_from');
      await scratch.client.exec('UPDATE t SET b = -1 WHERE id = 70');
      await scratch.client.exec(sql);
      expect(await counts(scratch.client)).toEqual({ done: 100, left: 0 });
    } finally {
      await scratch.release();
    }
  });

  it('without a one-column key, takes pending rows by ctid until none is left', async () => {
    const ddl = 'CREATE TABLE t (x integer, y integer, a integer, b integer, PRIMARY KEY (x, y));';
    const table = (await loadSchema(ddl, { dialect: 'postgres' })).tables['public.t']!;
    const sql = backfillSql(job, table, 9);
    expect(sql).toContain('ctid = ANY');
    const scratch = await acquireScratch();
    try {
      await scratch.client.exec(`${ddl} INSERT INTO t SELECT g % 10, g, g, NULL FROM generate_series(1, 95) AS g;`);
      await scratch.client.exec(sql);
      expect(await counts(scratch.client)).toEqual({ done: 95, left: 0 });
    } finally {
      await scratch.release();
    }
  });
});

describe('validate phase', () => {
  it('runs again after a failure half-way through the NOT NULL dance', async () => {
    const { zeroDowntimePlan } = await import('../../src/ops/zero-downtime-plan.js');
    const { isCommentOnly } = await import('../../src/plan/zero-downtime/phases.js');
    const ddl = 'CREATE TABLE t (id bigint PRIMARY KEY, a integer);';
    const plan = await zeroDowntimePlan({ from: ddl, to: 'CREATE TABLE t (id bigint PRIMARY KEY, a integer NOT NULL);' });
    const validate = plan.phases.find((p) => p.id === 'validate')!;
    const statements = validate.statements.filter((s) => !isCommentOnly(s));
    const scratch = await acquireScratch();
    try {
      await scratch.client.exec(`${ddl} INSERT INTO t VALUES (1, 1), (2, NULL);`);
      const failed = await (async () => {
        for (const s of statements) await scratch.client.exec(s);
      })().then(() => false, () => true);
      expect(failed).toBe(true);
      await scratch.client.exec('RESET lock_timeout; RESET statement_timeout; UPDATE t SET a = 0 WHERE a IS NULL;');
      for (const s of statements) await scratch.client.exec(s);
      const [row] = await scratch.client.query<{ attnotnull: boolean; checks: number }>(
        "SELECT attnotnull, (SELECT count(*)::int FROM pg_constraint WHERE conrelid = 't'::regclass AND contype = 'c') AS checks FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'a'",
      );
      expect(row).toEqual({ attnotnull: true, checks: 0 });
    } finally {
      await scratch.release();
    }
  });
});
