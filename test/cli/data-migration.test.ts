import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { dataMigrationOutput } from '../../src/ops/data-migration.js';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: async () => '' });
  return { code, stdout, stderr };
}

describe('migration-generator data-migration', () => {
  it('writes the up and down of a split, numbered after the folder\'s files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mg-data-'));
    const { code, stdout } = await cli(['data-migration', 'split', '--table', 'people', '--column', 'full_name', '--into', 'first_name,last_name', '--drop-source', '--out', out, '--json']);
    expect(code).toBe(0);
    const result = dataMigrationOutput.parse(JSON.parse(stdout));
    expect(result.up).toContain('ADD COLUMN first_name text, ADD COLUMN last_name text');
    expect(result.backups).toEqual(['public._mg_backup_people_full_name']);
    expect(readdirSync(out).sort()).toEqual(['001_split_people_full_name_into_first_name_and_last_name.down.sql', '001_split_people_full_name_into_first_name_and_last_name.up.sql']);
  });

  it('moves a column, dropping the source unless --keep-source', async () => {
    const moved = await cli(['data-migration', 'move', '--table', 'users', '--column', 'bio', '--to-table', 'profiles', '--to-key', 'user_id']);
    expect(moved.stdout).toContain('ALTER TABLE public.users DROP COLUMN bio');
    const kept = await cli(['data-migration', 'move', '--table', 'users', '--column', 'bio', '--to-table', 'profiles', '--to-key', 'user_id', '--keep-source']);
    expect(kept.stdout).not.toContain('ALTER TABLE public.users DROP COLUMN bio');
  });

  it('answers a missing field or a bad expression with exit 2', async () => {
    const missing = await cli(['data-migration', 'convert', '--table', 'items', '--column', 'price']);
    expect(missing.code).toBe(2);
    const bad = await cli(['data-migration', 'convert', '--table', 'items', '--column', 'price', '--type', 'bigint', '--expression', 'price *']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expression does not parse/);
  });
});
