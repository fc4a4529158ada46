import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { lintMigrationOutputSchema } from '../../src/ops/lint-migration.js';

async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: async () => stdin });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'mg-lint-'));
const risky = join(dir, '001_risky.sql');
writeFileSync(risky, 'SET lock_timeout = \'2s\';\nALTER TABLE users ADD COLUMN email_verified boolean NOT NULL;\nCREATE INDEX users_email ON users (email);\n');
const safe = join(dir, '002_safe.sql');
writeFileSync(safe, "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nickname text;\n");

describe('migration-generator lint-migration', () => {
  it('exits 1 and names each hazard at its line and column', async () => {
    const { code, stdout } = await cli(['lint-migration', risky]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${risky}:2:30: error adding-required-field`);
    expect(stdout).toContain(`${risky}:3:1: error require-concurrent-index-creation`);
  });

  it('exits 0 on a migration with no error-level finding, and prints JSON on request', async () => {
    const { code, stdout } = await cli(['lint-migration', safe, '--json']);
    expect(code).toBe(0);
    const result = lintMigrationOutputSchema.parse(JSON.parse(stdout));
    expect(result.summary.errors).toBe(0);
  });

  it('reads standard input and honours --disable', async () => {
    const { code, stdout } = await cli(['lint-migration', '-', '--disable', 'ban-drop-table', '--disable', 'require-timeout-settings'], 'DROP TABLE users;');
    expect(code).toBe(0);
    expect(stdout).not.toContain('ban-drop-table');
  });

  it('exits 2 on SQL the parser rejects', async () => {
    const { code, stderr } = await cli(['lint-migration', '-'], 'ALTER TABLE users ADD COLUMN;');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: <input>:1:29: syntax error/);
  });
});
