/**
 * The conformance suite on SQLite: for every case of the SQLite matrix (test/dialects/sqlite/cases.ts),
 * emit the migration in a framework's format with dialect sqlite, lay it out as the framework expects, load
 * `from` into a temporary SQLite file, run the migration up with the framework's real runner, compare the
 * introspected schema with `to`, run it down, compare with `from`. The file is removed afterwards.
 */
import Database from 'better-sqlite3';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SqlClient } from '../../src/dialects/postgres/client.js';
import type { Schema } from '../../src/core/model.js';
import { introspectSqlite } from '../../src/dialects/sqlite/introspect.js';
import { describeChange } from '../../src/diff/describe.js';
import { diffSchemas } from '../../src/diff/diff.js';
import type { EmittedFile } from '../../src/emit/emitter.js';
import type { FormatId } from '../../src/emit/registry.js';
import { generateMigration } from '../../src/ops/generate-migration.js';
import { loadSqliteSql } from '../../src/sources/sql/load-sqlite-sql.js';
import { SQLITE_CASES, type SqliteCase } from '../dialects/sqlite/cases.js';
import { TIMESTAMP } from './harness.js';

export interface SqliteRunner {
  readonly format: FormatId;
  /** Why the runner cannot run on SQLite here, or undefined when it can. */
  readonly missing: string | undefined;
  /** Tables the runner keeps its own bookkeeping in; left out of the comparison. */
  readonly bookkeeping: readonly string[];
  setup(dir: string, files: readonly EmittedFile[]): Promise<void>;
  /** Runs the migrations in `dir` up (or down) against the SQLite file `file`. */
  up(dir: string, file: string): Promise<void>;
  down(dir: string, file: string): Promise<void>;
}

function load(sql: string): Schema {
  return loadSqliteSql([{ file: 'x.sql', text: sql }]);
}

function introspectFile(file: string, bookkeeping: readonly string[]): Schema {
  const db = new Database(file, { readonly: true });
  try {
    const schema = introspectSqlite(db);
    const drop = new Set(bookkeeping.map((t) => t.toLowerCase()));
    const keep = (key: string) => !drop.has((key.split('.').pop() as string).toLowerCase());
    return { ...schema, tables: Object.fromEntries(Object.entries(schema.tables).filter(([key]) => keep(key))) };
  } finally {
    db.close();
  }
}

function differences(actual: Schema, expected: Schema): string[] {
  return diffSchemas(actual, expected).changes.map((c) => describeChange(c).summary);
}

/** Emits the case's migration in `format` for SQLite. */
export async function emitSqliteCase(c: SqliteCase, format: FormatId, work: string): Promise<readonly EmittedFile[]> {
  await writeFile(join(work, 'from.sql'), c.from);
  await writeFile(join(work, 'to.sql'), c.to);
  const result = await generateMigration({
    from: join(work, 'from.sql'),
    to: join(work, 'to.sql'),
    dialect: 'sqlite',
    format,
    timestamp: TIMESTAMP,
    renames: (c.renames ?? []).map((r) => `${r.from}=${r.to}`),
    allowDataLoss: true,
  });
  return result.files;
}

/** Runs one SQLite case through a runner; returns the differences found after up and after down. */
export async function runSqliteCase(runner: SqliteRunner, c: SqliteCase): Promise<{ afterUp: string[]; afterDown: string[] }> {
  const work = await mkdtemp(join(tmpdir(), `mg-${runner.format}-sqlite-`));
  try {
    const files = await emitSqliteCase(c, runner.format, work);
    const project = join(work, 'project');
    await mkdir(project, { recursive: true });
    await runner.setup(project, files);
    const file = join(work, 'scratch.sqlite3');
    const db = new Database(file);
    db.exec(c.from);
    db.close();
    await runner.up(project, file);
    const afterUp = differences(introspectFile(file, runner.bookkeeping), load(c.to));
    await runner.down(project, file);
    const afterDown = differences(introspectFile(file, runner.bookkeeping), load(c.from));
    return { afterUp, afterDown };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A SqlClient over a SQLite file, for the stand-ins that apply SQL files themselves. */
export function sqliteClient(file: string): SqlClient {
  const db = new Database(file);
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      return db.prepare(sql).all(...params) as R[];
    },
    async exec(sql: string) {
      db.exec(sql);
    },
    async close() {
      db.close();
    },
  };
}

/** One `it` per SQLite case; the describe is skipped without the runner. */
export function sqliteConformanceSuite(runner: SqliteRunner, options: { readonly skip?: Readonly<Record<string, string>> } = {}): void {
  describe.skipIf(runner.missing !== undefined)(`${runner.format} migrations on SQLite run by the real runner, up and down`, () => {
    for (const c of SQLITE_CASES) {
      const reason = options.skip?.[c.name];
      it.skipIf(reason !== undefined)(c.name, async () => {
        const { afterUp, afterDown } = await runSqliteCase(runner, c);
        expect(afterUp, 'schema after up differs from to').toEqual([]);
        expect(afterDown, 'schema after down differs from from').toEqual([]);
      }, 180_000);
    }
  });
}
