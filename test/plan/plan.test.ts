import { afterAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan.js';
import { postgresPlanDialect } from '../../src/dialects/postgres/render/index.js';
import { quoteIdent } from '../../src/dialects/postgres/quote.js';
import { diffSchemas } from '../../src/diff/diff.js';
import { planMigration } from '../../src/plan/plan.js';
import { loadSchema } from '../../src/sources/resolve.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';

async function plan(from: string, to: string, options: { concurrently?: boolean; renames?: { from: string; to: string }[] } = {}): Promise<Plan> {
  const a = await loadSchema(from, { dialect: 'postgres' });
  const b = await loadSchema(to, { dialect: 'postgres' });
  const { changes } = diffSchemas(a, b, { renames: options.renames });
  return planMigration({ changes, from: a, to: b, dialect: postgresPlanDialect, options: { concurrently: options.concurrently } });
}

const sql = (p: Plan) => p.steps.flatMap((s) => s.sql);
const codes = (p: Plan) => p.steps.flatMap((s) => s.hazards.map((h) => h.code));

afterAll(closeScratchPool);

describe('quoteIdent', () => {
  it('quotes reserved words, capitals, spaces, quotes and non-ASCII, and nothing else', () => {
    expect(['users', 'user', 'Users', 'a b', 'x"y', 'café', 'select', '_ok1'].map(quoteIdent)).toEqual(['users', '"user"', '"Users"', '"a b"', '"x""y"', '"café"', '"select"', '_ok1']);
  });
});

describe('planMigration', () => {
  it('adds a NOT NULL column without default in steps and says the backfill is missing', async () => {
    const p = await plan('create table t (id int primary key);', 'create table t (id int primary key, email text not null);');
    expect(sql(p)[0]).toBe('ALTER TABLE public.t ADD COLUMN email text');
    expect(sql(p)[1]).toMatch(/-- UPDATE public\.t SET email = <value> WHERE email IS NULL;\nALTER TABLE public\.t ALTER COLUMN email SET NOT NULL$/);
    expect(codes(p)).toContain('MAY_FAIL');
  });

  it('adds a column with a constant default in one statement, and drops it on the way back', async () => {
    const p = await plan('create table t (id int);', 'create table t (id int, ok boolean not null default false);');
    expect(sql(p)).toEqual(['ALTER TABLE public.t ADD COLUMN ok boolean DEFAULT false NOT NULL']);
    expect(p.steps[0]?.reverse).toEqual({ kind: 'sql', sql: ['ALTER TABLE public.t DROP COLUMN ok'] });
    expect(p.reversible).toBe(true);
  });

  it('widens varchar with a plain ALTER and warns on a lossy type change', async () => {
    const widen = await plan('create table t (a varchar(10));', 'create table t (a varchar(20));');
    expect(sql(widen)).toEqual(['ALTER TABLE public.t ALTER COLUMN a TYPE character varying(20)']);
    expect(codes(widen)).toEqual([]);
    const lossy = await plan('create table t (a text);', 'create table t (a integer);');
    expect(sql(lossy)).toEqual(['ALTER TABLE public.t ALTER COLUMN a TYPE integer USING a::integer']);
    expect(codes(lossy)).toEqual(expect.arrayContaining(['DATA_LOSS', 'MAY_FAIL', 'TABLE_REWRITE']));
  });

  it('marks drops as data loss and the plan as not reversible', async () => {
    const p = await plan('create table t (id int, note text);', 'create table t (id int);');
    expect(codes(p)).toContain('DATA_LOSS');
    expect(p.steps[0]?.reverse).toMatchObject({ kind: 'sql', lossy: expect.stringContaining('not restored') });
    expect(p.reversible).toBe(false);
  });

  it('creates referenced tables first and adds foreign keys after every table exists', async () => {
    const to = 'create table b (id int primary key, a_id int); create table a (id int primary key, b_id int references b(id)); alter table b add foreign key (a_id) references a(id);';
    const p = await plan('select 1;', to);
    const text = sql(p);
    const lastCreate = Math.max(...text.map((s, i) => (s.startsWith('CREATE TABLE') ? i : -1)));
    const firstFk = text.findIndex((s) => s.includes('FOREIGN KEY'));
    expect(firstFk).toBeGreaterThan(lastCreate);
  });

  it('drops and recreates views around a column type change', async () => {
    const p = await plan('create table t (a int); create view v as select a from t;', 'create table t (a bigint); create view v as select a from t;');
    expect(sql(p)).toEqual(['DROP VIEW public.v', 'ALTER TABLE public.t ALTER COLUMN a TYPE bigint', expect.stringMatching(/^CREATE VIEW public\.v AS/)]);
  });

  it('recreates an enum to remove a value, converting columns through text', async () => {
    const p = await plan("create type m as enum ('a','b','c'); create table t (x m);", "create type m as enum ('a','c'); create table t (x m);");
    expect(sql(p)).toEqual(['ALTER TYPE public.m RENAME TO m__old', "CREATE TYPE public.m AS ENUM ('a', 'c')", 'ALTER TABLE public.t ALTER COLUMN x TYPE public.m USING x::text::public.m', 'DROP TYPE public.m__old']);
    expect(codes(p)).toContain('DATA_LOSS');
  });

  it('adds enum values outside the transaction, before everything else', async () => {
    const p = await plan("create type m as enum ('a'); create table t (x int);", "create type m as enum ('a','b'); create table t (x int, y m default 'b');");
    expect(p.steps[0]).toMatchObject({ sql: ["ALTER TYPE public.m ADD VALUE 'b' AFTER 'a'"], transactional: false });
    expect(p.transactional).toBe(false);
  });

  it('builds indexes on existing tables concurrently when asked, outside the transaction', async () => {
    const p = await plan('create table t (a int);', 'create table t (a int); create index t_a on t (a);', { concurrently: true });
    expect(p.steps[0]).toMatchObject({ sql: ['CREATE INDEX CONCURRENTLY t_a ON public.t USING btree (a)'], transactional: false });
    expect(p.steps[0]?.reverse).toEqual({ kind: 'sql', sql: ['DROP INDEX CONCURRENTLY IF EXISTS public.t_a'] });
  });

  it('renames from hints instead of dropping and adding', async () => {
    const p = await plan('create table t (fullname text);', 'create table t (full_name text);', { renames: [{ from: 't.fullname', to: 't.full_name' }] });
    expect(sql(p)).toEqual(['ALTER TABLE public.t RENAME COLUMN fullname TO full_name']);
    expect(codes(p)).toEqual(['BREAKING_CHANGE']);
  });

  it('quotes identifiers that need it', async () => {
    const p = await plan('select 1;', 'create table "Order" ("user" int, "Select" text);');
    expect(sql(p)[0]).toBe('CREATE TABLE public."Order" (\n    "user" integer,\n    "Select" text\n)');
  });

  it('is deterministic', async () => {
    const from = 'create table a (id int); create table b (id int);';
    const to = 'create table c (id int primary key); create table d (id int references c(id)); create index on d (id);';
    expect(JSON.stringify(await plan(from, to))).toBe(JSON.stringify(await plan(from, to)));
  });
});
