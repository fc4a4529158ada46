/**
 * The conformance suite's engine: for every case folder, emit a migration in a framework's format, lay it
 * out as that framework expects, run it up with the framework's real runner on a scratch database of the
 * PostgreSQL server (PG_TEST_URL), compare the introspected schema with `to`, run it down, compare with
 * `from`. The scratch database is created here and dropped afterwards.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Schema } from '../../src/core/model.js';
import type { SqlClient } from '../../src/dialects/postgres/client.js';
import { introspectPostgres } from '../../src/dialects/postgres/introspect.js';
import { connectPostgres } from '../../src/dialects/postgres/server.js';
import { describeChange } from '../../src/diff/describe.js';
import { diffSchemas } from '../../src/diff/diff.js';
import type { EmittedFile } from '../../src/emit/emitter.js';
import type { FormatId } from '../../src/emit/registry.js';
import { generateMigration } from '../../src/ops/generate-migration.js';
import { loadPair } from '../../src/ops/detect-changes.js';
import { applyScript } from '../../src/validate/validate-migration.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';

export const serverUrl = process.env.PG_TEST_URL;
export const casesRoot = join(import.meta.dirname, '..', 'cases');
export const driversDir = join(import.meta.dirname, 'drivers');
export const TIMESTAMP = '20250101120000';
const CASE_ROLES = ['app_user', 'auditor'];

export interface Runner {
  readonly format: FormatId;
  /** Why the runner cannot run here, or undefined when it can. */
  readonly missing: string | undefined;
  /** Tables (in public) the runner keeps its own bookkeeping in; left out of the comparison. */
  readonly bookkeeping: readonly string[];
  setup(dir: string, files: readonly EmittedFile[]): Promise<void>;
  up(dir: string, url: string, client: SqlClient): Promise<void>;
  down(dir: string, url: string, client: SqlClient): Promise<void>;
}

interface Hints {
  readonly renames?: string[];
  readonly concurrently?: boolean;
}

export function caseNames(): string[] {
  return readdirSync(casesRoot).filter((n) => existsSync(join(casesRoot, n, 'to.sql'))).sort();
}

function hintsOf(name: string): Hints {
  const file = join(casesRoot, name, 'hints.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Hints) : {};
}

export function run(command: string, args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { env: { ...process.env, ...env }, cwd, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed:\n${stderr.slice(-4000)}\n${stdout.slice(-2000)}`));
      else resolve(stdout);
    });
  });
}

export function commandExists(path: string): boolean {
  return existsSync(path);
}

/** True when the command runs and exits 0: a runner's library loads. */
export function probe(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, [...args], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** A database of its own on the server, dropped afterwards. */
async function withScratchDatabase<T>(body: (url: string, client: SqlClient) => Promise<T>): Promise<T> {
  const name = `mg_fw_${randomBytes(6).toString('hex')}`;
  const admin = await connectPostgres(serverUrl as string);
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl as string);
  url.pathname = `/${name}`;
  const client = await connectPostgres(url.toString()).catch(async (error: unknown) => {
    await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
    await admin.close();
    throw error;
  });
  try {
    return await body(url.toString(), client);
  } finally {
    await client.close();
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.close();
  }
}

function withoutBookkeeping(schema: Schema, tables: readonly string[]): Schema {
  const drop = new Set(tables.map((t) => `public.${t}`));
  const dropSeq = new Set(tables.map((t) => `public.${t}_id_seq`));
  return {
    ...schema,
    tables: Object.fromEntries(Object.entries(schema.tables).filter(([key]) => !drop.has(key))),
    sequences: Object.fromEntries(Object.entries(schema.sequences).filter(([key]) => !dropSeq.has(key))),
  };
}

function differences(actual: Schema, expected: Schema): string[] {
  return diffSchemas(actual, expected).changes.map((c) => describeChange(c).summary);
}

/** Emits the case's migration in `format`; `back` emits the way from `to` back to `from`, for chaining. */
export async function emitCase(name: string, format: FormatId, chain: { readonly back: boolean; readonly out: string; readonly timestamp: string } | undefined = undefined): Promise<readonly EmittedFile[]> {
  const dir = join(casesRoot, name);
  const hints = hintsOf(name);
  const [from, to] = chain?.back ? ['to.sql', 'from.sql'] : ['from.sql', 'to.sql'];
  const result = await generateMigration({
    from: join(dir, from),
    to: join(dir, to),
    format,
    timestamp: chain?.timestamp ?? TIMESTAMP,
    ...(chain ? { out: chain.out, name: chain.back ? 'undo_it' : 'do_it' } : {}),
    renames: hints.renames ?? [],
    concurrently: hints.concurrently ?? false,
    allowDataLoss: true,
  });
  return result.files;
}

/** Runs one case through a runner; returns the differences found after up and after down. */
export async function runCase(runner: Runner, name: string): Promise<{ afterUp: string[]; afterDown: string[] }> {
  const files = await emitCase(name, runner.format);
  const dir = join(casesRoot, name);
  const { from, to } = await loadPair({ from: join(dir, 'from.sql'), to: join(dir, 'to.sql'), dialect: 'postgres', diagram: false } as never, {});
  const project = await mkdtemp(join(tmpdir(), `mg-${runner.format}-`));
  try {
    await runner.setup(project, files);
    return await withScratchDatabase(async (url, client) => {
      const loaded = await applyScript(client, readFileSync(join(dir, 'from.sql'), 'utf8'));
      if (!loaded.ok) throw new Error(`from.sql: ${loaded.error}`);
      await runner.up(project, url, client);
      const afterUp = differences(withoutBookkeeping(await introspectPostgres(client), runner.bookkeeping), to);
      await runner.down(project, url, client);
      const afterDown = differences(withoutBookkeeping(await introspectPostgres(client), runner.bookkeeping), from);
      return { afterUp, afterDown };
    });
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}

/**
 * Two migrations in a row, the second emitted into the folder that holds the first: the runner must take
 * the second as following the first (Alembic's down_revision, Django's dependencies, the next version).
 */
export async function runChain(runner: Runner, name: string): Promise<{ afterFirst: string[]; afterSecond: string[] }> {
  const dir = join(casesRoot, name);
  const { from, to } = await loadPair({ from: join(dir, 'from.sql'), to: join(dir, 'to.sql'), dialect: 'postgres', diagram: false } as never, {});
  const project = await mkdtemp(join(tmpdir(), `mg-${runner.format}-chain-`));
  // Where generate-migration writes and reads back the chain; apart from the project, which runners scan.
  const out = await mkdtemp(join(tmpdir(), `mg-${runner.format}-out-`));
  try {
    return await withScratchDatabase(async (url, client) => {
      const loaded = await applyScript(client, readFileSync(join(dir, 'from.sql'), 'utf8'));
      if (!loaded.ok) throw new Error(`from.sql: ${loaded.error}`);
      await runner.setup(project, await emitCase(name, runner.format, { back: false, out, timestamp: TIMESTAMP }));
      await runner.up(project, url, client);
      const afterFirst = differences(withoutBookkeeping(await introspectPostgres(client), runner.bookkeeping), to);
      await runner.setup(project, await emitCase(name, runner.format, { back: true, out, timestamp: '20250102120000' }));
      await runner.up(project, url, client);
      const afterSecond = differences(withoutBookkeeping(await introspectPostgres(client), runner.bookkeeping), from);
      return { afterFirst, afterSecond };
    });
  } finally {
    await rm(project, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
}

/** One `it` per case folder; the describe is skipped without a server or without the runner. */
export function conformanceSuite(runner: Runner, options: { readonly skip?: Readonly<Record<string, string>> } = {}): void {
  describe.skipIf(!serverUrl || runner.missing !== undefined)(`${runner.format} migrations run by the real runner, up and down`, () => {
    beforeAll(async () => {
      const client = await connectPostgres(serverUrl as string);
      for (const role of CASE_ROLES) await client.exec(`DO $$ BEGIN CREATE ROLE ${role} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
      await client.close();
    });
    afterAll(async () => closeScratchPool());
    for (const name of caseNames()) {
      const reason = options.skip?.[name];
      it.skipIf(reason !== undefined)(name, async () => {
        const { afterUp, afterDown } = await runCase(runner, name);
        expect(afterUp, 'schema after up differs from to').toEqual([]);
        expect(afterDown, 'schema after down differs from from').toEqual([]);
      }, 180_000);
    }
    it('chains a second migration onto the first (seed-add-column-with-default, there and back)', async () => {
      const { afterFirst, afterSecond } = await runChain(runner, 'seed-add-column-with-default');
      expect(afterFirst).toEqual([]);
      expect(afterSecond).toEqual([]);
    }, 180_000);
  });
}
