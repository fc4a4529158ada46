import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { rollbackOutput } from '../../src/ops/rollback.js';

async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: async () => stdin });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'mg-rollback-'));
const from = join(dir, 'schema.sql');
writeFileSync(from, 'CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, name text);\n');
const additive = join(dir, '002_add.sql');
writeFileSync(additive, 'ALTER TABLE users ADD COLUMN age int;\nCREATE INDEX users_age ON users (age);\n');
const dropping = join(dir, '003_drop.sql');
writeFileSync(dropping, 'ALTER TABLE users DROP COLUMN email;\n');
const folder = join(dir, 'migrations');
mkdirSync(folder);
writeFileSync(join(folder, '001_init.up.sql'), 'CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n');
writeFileSync(join(folder, '001_init.down.sql'), 'DROP TABLE users;\n');
writeFileSync(join(folder, '002_name.up.sql'), 'ALTER TABLE users ADD COLUMN name text;\n');
writeFileSync(join(folder, '003_index.up.sql'), 'CREATE INDEX users_name ON users (name);\n');

describe('migration-generator rollback', () => {
  it('inverts statement by statement without --from, and exits 0 when all is reversible', async () => {
    const { code, stdout } = await cli(['rollback', '--migration', additive, '--json']);
    expect(code).toBe(0);
    const result = rollbackOutput.parse(JSON.parse(stdout));
    expect(result.mode).toBe('statements');
    expect(result.down).toContain('DROP INDEX users_age;');
    expect(result.down).toContain('ALTER TABLE users DROP COLUMN age;');
    expect(result.irreversible).toEqual([]);
  });

  it('exits 1 and names the irreversible statement and what to supply', async () => {
    const { code, stdout } = await cli(['rollback', '--migration', dropping]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/irreversible: .*003_drop\.sql:1: DROP COLUMN email.*--from/);
  });

  it('with --from writes the exact down and proves it', async () => {
    const { code, stdout } = await cli(['rollback', '--migration', dropping, '--from', from, '--json']);
    const result = rollbackOutput.parse(JSON.parse(stdout));
    expect(code).toBe(1);
    expect(result.mode).toBe('exact');
    expect(result.down).toContain('ALTER TABLE public.users ADD COLUMN email text;');
    expect(result.dataLoss.map((d) => d.object)).toEqual(['public.users.email']);
    expect(result.verified).toEqual({ ok: true, differences: [] });
  });

  it('with --keep-data prints the backing-up up and the restoring down', async () => {
    const { code, stdout } = await cli(['rollback', '--migration', dropping, '--from', from, '--keep-data']);
    expect(code).toBe(0);
    expect(stdout).toContain('CREATE TABLE public._mg_backup_users_email AS SELECT id, email FROM public.users;');
    expect(stdout).toContain('UPDATE public.users AS t SET email = b.email FROM public._mg_backup_users_email AS b WHERE t.id = b.id;');
    expect(stdout).toContain('verified: the down restores the schema before');
  });

  it('rolls back the last N migrations of a folder, newest first', async () => {
    const { code, stdout } = await cli(['rollback', '--folder', folder, '--last', '2', '--json']);
    expect(code).toBe(0);
    const result = rollbackOutput.parse(JSON.parse(stdout));
    expect(result.mode).toBe('folder');
    expect(result.migrations).toEqual([join(folder, '002_name.up.sql'), join(folder, '003_index.up.sql')]);
    expect(result.down.indexOf('003_index')).toBeLessThan(result.down.indexOf('002_name'));
    expect(result.down).toContain('DROP INDEX public.users_name;');
    expect(result.down).toContain('ALTER TABLE public.users DROP COLUMN name;');
    expect(result.verified?.ok).toBe(true);
  });

  it('falls back to statement-by-statement inversion when the folder does not build on a scratch', async () => {
    const odd = join(dir, 'odd');
    mkdirSync(odd);
    writeFileSync(join(odd, '001_ext.sql'), 'CREATE EXTENSION no_such_extension;\nCREATE TABLE t (id int);\n');
    writeFileSync(join(odd, '002_col.sql'), 'ALTER TABLE t ADD COLUMN x int;\n');
    const { code, stdout } = await cli(['rollback', '--folder', odd, '--json']);
    const result = rollbackOutput.parse(JSON.parse(stdout));
    expect(code).toBe(0);
    expect(result.mode).toBe('statements');
    expect(result.warnings[0]?.code).toBe('NOT_EXACT');
    expect(result.down).toContain('ALTER TABLE t DROP COLUMN x;');
  });

  it('refuses unclear input with exit 2 and one line', async () => {
    const none = await cli(['rollback']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/exactly one of migration, sql or folder/);
    const keep = await cli(['rollback', '--migration', dropping, '--keep-data']);
    expect(keep.code).toBe(2);
    expect(keep.stderr).toMatch(/needs the schema before/);
    const tooMany = await cli(['rollback', '--folder', folder, '--last', '9']);
    expect(tooMany.code).toBe(2);
  });
});
