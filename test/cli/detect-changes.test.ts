import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { detectChangesOutput } from '../../src/ops/detect-changes.js';

async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: async () => stdin });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'mg-cli-'));
const a = join(dir, 'a.sql');
const b = join(dir, 'b.sql');
writeFileSync(a, 'CREATE TABLE users (id int PRIMARY KEY, fullname text);\nCREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users(id));\n');
writeFileSync(b, "CREATE TYPE status AS ENUM ('new', 'paid');\nCREATE TABLE users (id int PRIMARY KEY, full_name text);\nCREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users(id), status status);\n");

describe('migration-generator detect-changes', () => {
  it('prints one JSON object that matches the declared output schema', async () => {
    const { code, stdout, stderr } = await cli(['detect-changes', '--from', a, '--to', b, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = detectChangesOutput.parse(JSON.parse(stdout));
    expect(result.changes.map((c) => c.kind)).toEqual(['create_enum', 'add_column', 'drop_column', 'add_column']);
    expect(result.possibleRenames[0]!.hint).toBe('public.users.fullname=public.users.full_name');
    expect(result.warnings.map((w) => w.code)).toEqual(['DATA_LOSS', 'POSSIBLE_RENAME']);
  });

  it('is byte-for-byte deterministic', async () => {
    const first = await cli(['detect-changes', '--from', a, '--to', b, '--json', '--diagram']);
    const second = await cli(['detect-changes', '--from', a, '--to', b, '--json', '--diagram']);
    expect(second.stdout).toBe(first.stdout);
  });

  it('summarises for a person and draws the tables touched', async () => {
    const { stdout } = await cli(['detect-changes', '--from', a, '--to', b, '--diagram', '--rename', 'users.fullname=users.full_name']);
    expect(stdout).toContain('rename column public.users.fullname to full_name');
    expect(stdout).not.toContain('Can lose data');
    expect(stdout).toContain('erDiagram');
    expect(stdout).toContain('public_users ||--o{ public_orders : "orders_user_id_fkey"');
  });

  it('reads one side from stdin and takes inline SQL', async () => {
    const { code, stdout } = await cli(['detect-changes', '--from', '-', '--to', 'CREATE TABLE t (id int, x int);', '--json'], 'CREATE TABLE t (id int);');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).changes.map((c: { kind: string }) => c.kind)).toEqual(['add_column']);
  });

  it('exits 2 with file, line and column on a syntax error, and no stack trace', async () => {
    const bad = join(dir, 'bad.sql');
    writeFileSync(bad, 'CREATE TABLE ok (id int);\nCREATE TABLE broken (id int,);\n');
    const { code, stdout, stderr } = await cli(['detect-changes', '--from', a, '--to', bad]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`error: ${bad}:2:29: syntax error at or near ")"\n`);
  });

  it('says an unreachable database is unreachable without printing its password', async () => {
    const { code, stderr } = await cli(['detect-changes', '--from', 'postgresql://admin:hunter2@127.0.0.1:9/db', '--to', a]);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot connect to postgresql://admin:***@127.0.0.1:9/db');
    expect(stderr).not.toContain('hunter2');
  });

  it('names a missing file', async () => {
    const { code, stderr } = await cli(['detect-changes', '--from', 'nope.sql', '--to', a]);
    expect(code).toBe(2);
    expect(stderr).toContain('no such file or folder: nope.sql');
  });

  it('refuses unsupported objects in strict mode', async () => {
    const { code, stderr } = await cli(['detect-changes', '--strict', '--from', 'CREATE TABLE t (id int); CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING;', '--to', a]);
    expect(code).toBe(2);
    expect(stderr).toContain('strict mode: rule public.t.r is not represented');
  });
});
