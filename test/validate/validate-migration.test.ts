import { afterAll, describe, expect, it } from 'vitest';
import { loadSchema } from '../../src/sources/resolve.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';
import { validateMigration } from '../../src/validate/validate-migration.js';

afterAll(closeScratchPool);

const fromSql = 'create table t (id int primary key, a text not null); create table c (id int primary key, t_id int references t(id));';
const toSql = 'create table t (id int primary key, a text not null, b int); create table c (id int primary key, t_id int references t(id));';

describe('validateMigration', () => {
  it('passes a correct pair, with sample rows that respect foreign keys', async () => {
    const [from, to] = [await loadSchema(fromSql, { dialect: 'postgres' }), await loadSchema(toSql, { dialect: 'postgres' })];
    const result = await validateMigration({ fromSql, from, to, up: 'ALTER TABLE t ADD COLUMN b int;', down: 'ALTER TABLE t DROP COLUMN b;' });
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['load from', true],
      ['apply up', true],
      ['compare with to', true],
      ['apply down', true],
      ['compare with from', true],
      ['rows kept by up', true],
    ]);
    expect(result.sampleRows?.filled).toEqual(['public.t', 'public.c']);
    expect(result.rows).toContainEqual({ table: 'public.c', before: 3, afterUp: 3, afterDown: 3 });
  });

  it('reports a down that does not restore from, and an up that loses rows', async () => {
    const [from, to] = [await loadSchema(fromSql, { dialect: 'postgres' }), await loadSchema(toSql, { dialect: 'postgres' })];
    const result = await validateMigration({ fromSql, from, to, up: 'ALTER TABLE t ADD COLUMN b int; DELETE FROM c;', down: 'SELECT 1;' });
    expect(result.ok).toBe(false);
    expect(result.steps.find((s) => s.name === 'compare with from')?.differences).toEqual(['drop column public.t.b']);
    expect(result.steps.find((s) => s.name === 'rows kept by up')?.differences).toEqual(['public.c: 3 rows before up, 0 after']);
  });

  it('reports the failing statement of an up that does not apply', async () => {
    const from = await loadSchema(fromSql, { dialect: 'postgres' });
    const result = await validateMigration({ fromSql, from, up: 'BEGIN; ALTER TABLE nope ADD COLUMN x int; COMMIT;', down: '' });
    expect(result.ok).toBe(false);
    expect(result.steps.at(-1)).toMatchObject({ name: 'apply up', ok: false, error: expect.stringContaining('nope') });
  });
});
