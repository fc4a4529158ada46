import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { zeroDowntimePlanOutput } from '../../src/ops/zero-downtime-plan.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: async () => '' });
  return { code, stdout, stderr };
}

afterAll(async () => {
  await closeScratchPool();
});

const dir = mkdtempSync(join(tmpdir(), 'mg-zdt-cli-'));
const a = join(dir, 'a.sql');
const b = join(dir, 'b.sql');
writeFileSync(a, 'CREATE TABLE users (id bigint PRIMARY KEY, fullname text, legacy text);\n');
writeFileSync(b, 'CREATE TABLE users (id bigint PRIMARY KEY, full_name text NOT NULL);\n');

describe('migration-generator zero-downtime-plan', () => {
  it('prints one JSON object that matches the declared schema, deterministically', async () => {
    const args = ['zero-downtime-plan', '--from', a, '--to', b, '--rename', 'users.fullname=users.full_name', '--json', '--timestamp', '20250101000000'];
    const first = await cli(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const result = zeroDowntimePlanOutput.parse(JSON.parse(first.stdout));
    expect(result.phases.map((p) => p.id)).toEqual(['expand', 'backfill', 'validate', 'contract']);
    expect(result.rollout).toEqual([
      'migrate: phase expand (Expand: new tables, columns, triggers and NOT VALID constraints; old code keeps working)',
      'deploy: deploy code that writes both public.users.fullname and full_name (and still reads fullname)',
      'migrate: phase backfill (Backfill in key-range batches, each committed on its own, with progress notices)',
      'deploy: deploy code that never writes NULL into public.users.full_name',
      'migrate: phase validate (Validate constraints under SHARE UPDATE EXCLUSIVE, then SET NOT NULL without a scan)',
      'deploy: deploy code that reads and writes only public.users.full_name',
      'deploy: deploy code that no longer uses what this phase drops (drop column public.users.legacy)',
      'migrate: phase contract (Contract: drop what the deployed code no longer uses, swap shadow columns in)',
    ]);
    expect((await cli(args)).stdout).toBe(first.stdout);
  });

  it('writes one up file per phase and a down where there is something to undo, never over existing files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mg-zdt-out-'));
    const args = ['zero-downtime-plan', '--from', a, '--to', b, '--rename', 'users.fullname=users.full_name', '--out', out, '--name', 'rename fullname', '--timestamp', '20250101000000'];
    const { code, stdout } = await cli(args);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      '20250101000000_rename_fullname_01_expand.down.sql',
      '20250101000000_rename_fullname_01_expand.up.sql',
      '20250101000000_rename_fullname_02_backfill.up.sql',
      '20250101000000_rename_fullname_03_validate.down.sql',
      '20250101000000_rename_fullname_03_validate.up.sql',
      '20250101000000_rename_fullname_04_contract.down.sql',
      '20250101000000_rename_fullname_04_contract.up.sql',
    ]);
    expect(stdout).toContain('-- ==== deploy: deploy code that reads and writes only public.users.full_name');
    const backfill = readFileSync(join(out, '20250101000000_rename_fullname_02_backfill.up.sql'), 'utf8');
    expect(backfill).toContain('ORDER BY id LIMIT 1000');
    expect(backfill).not.toMatch(/OFFSET/i);
    const again = await cli(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists/);
  });

  it('refuses other dialects with one line and exit 2', async () => {
    const { code, stderr } = await cli(['zero-downtime-plan', '--from', a, '--to', b, '--dialect', 'mysql']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: zero-downtime plans are for PostgreSQL/);
  });
});
