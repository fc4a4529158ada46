/** Writing migration files: inside the folder only, atomically, never over an existing file, no leftovers. */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFiles } from '../../src/emit/write-files.js';
import { runCli } from './cli.js';

let base: string;
let out: string;
let outside: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'mg-files-'));
  out = join(base, 'migrations');
  outside = join(base, 'outside');
  mkdirSync(out);
  mkdirSync(outside);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

/** Every file under a folder, temporary ones included. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

const pair = (tag: string) => [
  { path: '0001_add.up.sql', content: `-- up ${tag}\n` },
  { path: '0001_add.down.sql', content: `-- down ${tag}\n` },
];

describe('writeFiles', () => {
  it.each(['../escape.sql', 'a/../../escape.sql', '/tmp/escape.sql', join(tmpdir(), 'abs.sql'), '..', '.', '', 'nul\0.sql'])('refuses the name %j before writing anything', async (path) => {
    await expect(writeFiles(out, [{ path: 'ok.sql', content: 'x' }, { path, content: 'x' }])).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(tree(out)).toEqual([]);
    expect(tree(outside)).toEqual([]);
    expect(existsSync(join(base, 'escape.sql'))).toBe(false);
  });

  it('refuses to write through a symbolic link that leads out of the folder', async () => {
    symlinkSync(outside, join(out, 'linked'));
    await expect(writeFiles(out, [{ path: 'linked/0001.up.sql', content: 'x' }])).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/symbolic link/) });
    await expect(writeFiles(out, [{ path: 'linked/deeper/0001.up.sql', content: 'x' }])).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(tree(outside)).toEqual([]);
  });

  it('writes into subfolders, and into an output folder that is itself a link the user named', async () => {
    const named = join(base, 'named');
    symlinkSync(out, named);
    const written = await writeFiles(named, [{ path: '20240101_add/migration.sql', content: 'SELECT 1;\n' }]);
    expect(written).toEqual([join(named, '20240101_add/migration.sql')]);
    expect(tree(out)).toEqual(['20240101_add', '20240101_add/migration.sql']);
  });

  it('never overwrites an existing migration, and leaves the new ones out when one clashes', async () => {
    writeFileSync(join(out, '0001_add.down.sql'), 'precious\n');
    await expect(writeFiles(out, pair('new'))).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect(readFileSync(join(out, '0001_add.down.sql'), 'utf8')).toBe('precious\n');
    expect(tree(out)).toEqual(['0001_add.down.sql']);
  });

  it('does not overwrite a dangling symbolic link in place of a file either', async () => {
    symlinkSync(join(outside, 'target.sql'), join(out, '0001_add.up.sql'));
    await expect(writeFiles(out, pair('new'))).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect(tree(outside)).toEqual([]);
  });

  it('lets exactly one of many racing writers win, whole, with no temporary files left', async () => {
    const writers = Array.from({ length: 12 }, (_, i) => writeFiles(out, pair(`writer-${i}`)));
    const settled = await Promise.allSettled(writers);
    const winners = settled.map((s, i) => (s.status === 'fulfilled' ? i : -1)).filter((i) => i >= 0);
    expect(winners).toHaveLength(1);
    for (const s of settled) if (s.status === 'rejected') expect(s.reason).toMatchObject({ code: 'FILE_EXISTS' });
    const winner = `writer-${winners[0]}`;
    expect(tree(out)).toEqual(['0001_add.down.sql', '0001_add.up.sql']);
    expect(readFileSync(join(out, '0001_add.up.sql'), 'utf8')).toBe(`-- up ${winner}\n`);
    expect(readFileSync(join(out, '0001_add.down.sql'), 'utf8')).toBe(`-- down ${winner}\n`);
  });

  it('answers a folder it cannot write to with a clear error and leaves nothing behind', async () => {
    const locked = join(base, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    let immutable = false;
    if (process.getuid?.() === 0) {
      // root ignores permission bits; the immutable attribute stops root too.
      try {
        execFileSync('chattr', ['+i', locked]);
        immutable = true;
      } catch {
        return; // no way to make a folder read-only for this user here
      }
    }
    try {
      await expect(writeFiles(locked, pair('x'))).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/cannot write migration files into .*locked: (permission denied|operation not permitted)/) });
      await expect(writeFiles(join(locked, 'sub'), pair('x'))).rejects.toMatchObject({ code: 'BAD_INPUT' });
      expect(tree(locked)).toEqual([]);
    } finally {
      if (immutable) execFileSync('chattr', ['-i', locked]);
      chmodSync(locked, 0o755);
    }
  });

  it('answers an output path that is a file with a clear error', async () => {
    writeFileSync(join(base, 'file'), '');
    await expect(writeFiles(join(base, 'file'), pair('x'))).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/a file is in the way/) });
  });
});

describe('generate-migration --out', () => {
  const args = (dir: string) => ['generate-migration', '--from', 'CREATE TABLE t (id int);', '--to', 'CREATE TABLE t (id int, note text);', '--out', dir, '--name', 'add note', '--timestamp', '20240101000000'];

  it('writes once, then refuses to overwrite, with exit code 2 and one line', async () => {
    const first = await runCli(args(out));
    expect(first.code).toBe(0);
    const before = tree(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]);
    expect(before).toHaveLength(2);
    const second = await runCli(args(out));
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^error: .*already exists/);
    expect(tree(out).map((f) => [f, readFileSync(join(out, f), 'utf8')])).toEqual(before);
  });

  it('refuses a --name that tries to climb out of the folder', async () => {
    const ran = await runCli([...args(out).slice(0, -4), '--name', '../../escape', '--timestamp', '1']);
    expect([0, 2]).toContain(ran.code);
    expect(tree(base).filter((f) => !f.startsWith('migrations'))).toEqual(['outside']);
  });
});
