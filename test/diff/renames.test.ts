import { afterAll, describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/diff/diff.js';
import { nameSimilarity } from '../../src/diff/possible-renames.js';
import { loadPostgresSql } from '../../src/sources/sql/load-postgres-sql.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';

afterAll(closeScratchPool);

const load = (text: string) => loadPostgresSql([{ text }]);
const FROM = 'CREATE TABLE users (id int PRIMARY KEY, fullname text NOT NULL, age int); CREATE INDEX users_fullname ON users (fullname);';
const TO = 'CREATE TABLE users (id int PRIMARY KEY, full_name text NOT NULL, age int); CREATE INDEX users_fullname ON users (full_name);';

describe('renames', () => {
  it('reports a drop + add that looks like a rename, with evidence, and does not apply it', async () => {
    const { changes, possibleRenames } = diffSchemas(await load(FROM), await load(TO));
    expect(changes.map((c) => c.kind)).toEqual(['drop_column', 'add_column', 'drop_index', 'add_index']);
    expect(possibleRenames).toHaveLength(1);
    expect(possibleRenames[0]).toMatchObject({ kind: 'column', from: 'public.users.fullname', to: 'public.users.full_name', hint: 'public.users.fullname=public.users.full_name' });
    expect(possibleRenames[0]!.confidence).toBeGreaterThan(0.9);
    expect(possibleRenames[0]!.evidence).toEqual(expect.arrayContaining(['same type text', 'both NOT NULL', 'an index or constraint on it moves to the new column']));
  });

  it('applies a column rename hint as a rename, keeping the index comparison exact', async () => {
    const { changes, possibleRenames } = diffSchemas(await load(FROM), await load(TO), { renames: [{ from: 'users.fullname', to: 'users.full_name' }] });
    expect(possibleRenames).toEqual([]);
    expect(changes.map((c) => c.kind)).toEqual(['rename_column', 'drop_index', 'add_index']);
  });

  it('applies a table rename hint and diffs the renamed table', async () => {
    const from = await load('CREATE TABLE people (id int PRIMARY KEY, name text);');
    const to = await load('CREATE TABLE persons (id int PRIMARY KEY, name text, email text);');
    const unhinted = diffSchemas(from, to);
    expect(unhinted.possibleRenames[0]).toMatchObject({ kind: 'table', from: 'public.people', to: 'public.persons' });
    const hinted = diffSchemas(from, to, { renames: [{ from: 'people', to: 'public.persons' }] });
    // PostgreSQL keeps people_pkey through a table rename; the desired schema names it persons_pkey.
    expect(hinted.changes.map((c) => c.kind)).toEqual(['rename_table', 'add_column', 'drop_constraint', 'add_constraint']);
  });

  it('does not suggest renames between columns of different types', async () => {
    const { possibleRenames } = diffSchemas(await load('CREATE TABLE t (a int);'), await load('CREATE TABLE t (b text);'));
    expect(possibleRenames).toEqual([]);
  });

  it('rejects a hint that names nothing', async () => {
    const schema = await load('CREATE TABLE t (a int);');
    expect(() => diffSchemas(schema, schema, { renames: [{ from: 't.nope', to: 't.a' }] })).toThrow(/names no table or column/);
  });

  it('scores name similarity ignoring case and separators', () => {
    expect(nameSimilarity('fullName', 'full_name')).toBe(1);
    expect(nameSimilarity('email', 'phone')).toBeLessThan(0.5);
  });
});
