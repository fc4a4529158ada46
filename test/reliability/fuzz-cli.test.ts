/**
 * The CLI's `main(argv, io)` fed hostile arguments, files and standard input: exit 0, 1 or 2 with one
 * `error:` line for a mistake, never 3 (an internal error), never a stack trace, never a throw.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type Ran } from './cli.js';
import { hostileSql, SEED, tenMegabyteInputs } from './inputs.js';

const RUNS = 50;
const dir = mkdtempSync(join(tmpdir(), 'mg-fuzz-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectWellBehaved(ran: Ran, argv: readonly string[]): void {
  const what = `${argv.map((a) => a.slice(0, 60)).join(' ')}\n${ran.stderr.slice(0, 500)}`;
  expect([0, 1, 2], what).toContain(ran.code);
  expect(ran.stderr, what).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
  if (ran.code === 2) expect(ran.stderr.trim(), what).toMatch(/^(error|Usage)|error:/m);
}

let file = 0;
function asFile(text: string): string {
  const path = join(dir, `f${file++}.sql`);
  writeFileSync(path, text);
  return path;
}

const COMMANDS = ['detect-changes', 'generate-migration', 'validate-migration', 'lint-migration'] as const;
const source = fc.oneof(hostileSql, hostileSql.map(asFile), fc.constantFrom('CREATE TABLE a (id int);', 'CREATE TABLE a (id int, "we""ird" text);'), fc.constant('-'), fc.constantFrom('/nonexistent/x.sql', dir, 'postgres:nohost', 'sqlite:/nonexistent/db.sqlite'));
const junkArg = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('--', '-', '--json', '--from', '--to', '--dialect', 'mysql', 'sqlite', '--rename', 'a=b', '==', '--sample-rows', '-1', 'NaN', '--pg-version', '7', '--timestamp', 'yesterday'));

const invocation = fc.oneof(
  fc.record({ command: fc.constantFrom(...COMMANDS), from: source, to: source, dialect: fc.constantFrom('postgres', 'postgres', 'mysql', 'sqlite', 'oracle'), extra: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(junkArg, { maxLength: 2 }) }), stdin: hostileSql }).map(({ command, from, to, dialect, extra, stdin }) => {
    const argv =
      command === 'lint-migration'
        ? [command, from === '-' ? '-' : asFile(from), ...extra]
        : command === 'validate-migration'
          ? [command, '--from', from, '--up', asFile(to), '--down', asFile(from), '--sample-rows', '1', ...extra]
          : [command, '--from', from, '--to', to, '--dialect', dialect, ...extra];
    return { argv, stdin };
  }),
  fc.record({ command: fc.constantFrom(...COMMANDS, 'nope', ''), args: fc.array(junkArg, { maxLength: 6 }) }).map(({ command, args }) => ({ argv: [command, ...args], stdin: '' })),
);

describe('fuzzing the CLI', () => {
  it('exits 0, 1 or 2 with a one-line error, never an internal error', async () => {
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(invocation, async ({ argv, stdin }) => {
        const ran = await runCli(argv, stdin);
        expectWellBehaved(ran, argv);
        codes.set(ran.code, (codes.get(ran.code) ?? 0) + 1);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.log(`fuzz (CLI): ${RUNS} invocations, exit codes ${JSON.stringify(Object.fromEntries([...codes].sort()))}`);
  }, 600_000);

  it('handles 10 MB files and standard input', async () => {
    // Two of the four: each CLI run starts the embedded database afresh; the MCP fuzz feeds all four.
    for (const { label, text } of tenMegabyteInputs().slice(0, 2)) {
      const path = asFile(text);
      for (const argv of [
        ['detect-changes', '--from', path, '--to', 'CREATE TABLE small (id int);'],
        ['generate-migration', '--from', '-', '--to', 'CREATE TABLE small (id int);'],
        ['lint-migration', path],
      ]) {
        const ran = await runCli(argv, text);
        expectWellBehaved(ran, [...argv, label]);
        expect(ran.stderr.length, label).toBeLessThan(10_000);
      }
    }
  }, 600_000);
});
