/** generate-migration --format <framework>: files written into --out, chained onto the ones already there. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: async () => '' });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'mg-cli-formats-'));
const a = join(dir, 'a.sql');
const b = join(dir, 'b.sql');
const c = join(dir, 'c.sql');
writeFileSync(a, 'CREATE TABLE users (id int PRIMARY KEY);\n');
writeFileSync(b, 'CREATE TABLE users (id int PRIMARY KEY, email text);\n');
writeFileSync(c, 'CREATE TABLE users (id int PRIMARY KEY, email text);\nCREATE INDEX users_email_idx ON users (email);\n');

afterAll(async () => closeScratchPool());

describe('migration-generator generate-migration --format', () => {
  it('prints the framework files, and a second Alembic revision revises the first', async () => {
    const out = join(dir, 'alembic');
    const first = await cli(['generate-migration', '--from', a, '--to', b, '--format', 'alembic', '--out', out, '--timestamp', '20250101120000', '--name', 'add email']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/==> [0-9a-f]{12}_add_email\.py <==/);
    expect(first.stdout).toContain('op.add_column("users", sa.Column("email", sa.Text(), nullable=True))');
    const second = await cli(['generate-migration', '--from', b, '--to', c, '--format', 'alembic', '--out', out, '--timestamp', '20250102120000', '--name', 'index email']);
    expect(second.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(2);
    const firstId = /revision = "([0-9a-f]+)"/.exec(readFileSync(join(out, files.find((f) => f.endsWith('add_email.py'))!), 'utf8'))![1];
    const secondText = readFileSync(join(out, files.find((f) => f.endsWith('index_email.py'))!), 'utf8');
    expect(secondText).toContain(`down_revision = "${firstId}"`);
    expect(secondText).toContain('op.create_index("users_email_idx", "users", ["email"], unique=False)');
  }, 60_000);

  it('lists the formats in its help', async () => {
    const { stdout } = await cli(['generate-migration', '--help']);
    expect(stdout.replace(/\s+/g, ' ')).toContain('alembic | django | doctrine | golang-migrate | goose | knex | laravel | prisma | rails | sequelize | sql | typeorm');
  });
});
