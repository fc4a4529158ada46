/**
 * The conformance suite on MariaDB/MySQL (MYSQL_TEST_URL): for every case of the MySQL matrix
 * (test/dialects/mysql/cases.ts), emit the migration with dialect mysql, load `from` into a scratch
 * database created here (and dropped afterwards), run the migration up with the framework's real runner,
 * compare the introspected schema with `to`, run it down, compare with `from`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../src/core/model.js';
import { connectMysql } from '../../src/dialects/mysql/client.js';
import { introspectMysql } from '../../src/dialects/mysql/introspect.js';
import { describeChange } from '../../src/diff/describe.js';
import { diffSchemas } from '../../src/diff/diff.js';
import type { EmittedFile } from '../../src/emit/emitter.js';
import type { FormatId } from '../../src/emit/registry.js';
import { generateMigration } from '../../src/ops/generate-migration.js';
import { loadMysqlSql } from '../../src/sources/sql/load-mysql-sql.js';
import { MYSQL_CASES, type MysqlCase } from '../dialects/mysql/cases.js';
import { MYSQL_TEST_URL, mysqlDatabaseWith } from '../dialects/mysql/helpers.js';
import { TIMESTAMP } from './harness.js';

export interface MysqlRunner {
  readonly format: FormatId;
  /** Why the runner cannot run on MySQL here, or undefined when it can. */
  readonly missing: string | undefined;
  /** Tables the runner keeps its own bookkeeping in; left out of the comparison. */
  readonly bookkeeping: readonly string[];
  setup(dir: string, files: readonly EmittedFile[]): Promise<void>;
  /** Runs the migrations in `dir` up (or down) against the scratch database at `url` (mysql://...). */
  up(dir: string, url: string): Promise<void>;
  down(dir: string, url: string): Promise<void>;
}

async function introspect(url: string, database: string, bookkeeping: readonly string[]): Promise<Schema> {
  const client = await connectMysql(url);
  try {
    const schema = await introspectMysql(client, database);
    const drop = new Set(bookkeeping);
    return { ...schema, tables: Object.fromEntries(Object.entries(schema.tables).filter(([key]) => !drop.has(key.split('.').pop() as string))) };
  } finally {
    await client.close();
  }
}

function differences(actual: Schema, expected: Schema): string[] {
  return diffSchemas(actual, expected).changes.map((c) => describeChange(c).summary);
}

/** Runs one MySQL case through a runner; returns the differences found after up and after down. */
export async function runMysqlCase(runner: MysqlRunner, c: MysqlCase): Promise<{ afterUp: string[]; afterDown: string[] }> {
  const work = await mkdtemp(join(tmpdir(), `mg-${runner.format}-mysql-`));
  try {
    await writeFile(join(work, 'from.sql'), c.from);
    await writeFile(join(work, 'to.sql'), c.to);
    const result = await generateMigration({
      from: join(work, 'from.sql'),
      to: join(work, 'to.sql'),
      dialect: 'mysql',
      format: runner.format,
      timestamp: TIMESTAMP,
      renames: (c.renames ?? []).map((r) => `${r.from}=${r.to}`),
      allowDataLoss: true,
      scratchUrl: MYSQL_TEST_URL,
    });
    const project = join(work, 'project');
    await mkdir(project, { recursive: true });
    await runner.setup(project, result.files);
    const [from, to] = await Promise.all([c.from, c.to].map((text) => loadMysqlSql([{ file: 'x.sql', text }], { serverUrl: MYSQL_TEST_URL })));
    const scratch = await mysqlDatabaseWith(c.from);
    try {
      await runner.up(project, scratch.url);
      const afterUp = differences(await introspect(scratch.url, scratch.name, runner.bookkeeping), to as Schema);
      await runner.down(project, scratch.url);
      const afterDown = differences(await introspect(scratch.url, scratch.name, runner.bookkeeping), from as Schema);
      return { afterUp, afterDown };
    } finally {
      await scratch.drop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** One `it` per MySQL case; the describe is skipped without MYSQL_TEST_URL or the runner. */
export function mysqlConformanceSuite(runner: MysqlRunner, options: { readonly skip?: Readonly<Record<string, string>> } = {}): void {
  describe.skipIf(!MYSQL_TEST_URL || runner.missing !== undefined)(`${runner.format} migrations on MariaDB run by the real runner, up and down`, () => {
    for (const c of MYSQL_CASES) {
      const reason = options.skip?.[c.name];
      it.skipIf(reason !== undefined)(c.name, async () => {
        const { afterUp, afterDown } = await runMysqlCase(runner, c);
        expect(afterUp, 'schema after up differs from to').toEqual([]);
        expect(afterDown, 'schema after down differs from from').toEqual([]);
      }, 180_000);
    }
  });
}
