/**
 * Every case folder × every Node format: the generated files run in the tool's own runner (Knex's
 * migrator, TypeORM's DataSource, Sequelize through umzug, Prisma's migration.sql as Prisma Migrate
 * sends it), on PGlite and, when PG_TEST_URL is set, on the PostgreSQL server. After up the database
 * must equal the case's to.sql, after down its from.sql (the runners' bookkeeping tables left out).
 */
import type { PGlite } from '@electric-sql/pglite';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Schema } from '../../src/core/model.js';
import { introspectPostgres } from '../../src/dialects/postgres/introspect.js';
import { pgliteClient } from '../../src/dialects/postgres/pglite.js';
import { connectPostgres } from '../../src/dialects/postgres/server.js';
import { describeChange } from '../../src/diff/describe.js';
import { diffSchemas } from '../../src/diff/diff.js';
import { postgresPlanDialect } from '../../src/dialects/postgres/render/index.js';
import { downSteps, upSteps, type BuilderOpName } from '../../src/emit/builder-ops.js';
import { parseRenameHints } from '../../src/ops/common.js';
import { generateMigration } from '../../src/ops/generate-migration.js';
import { planMigration } from '../../src/plan/plan.js';
import { loadSchema } from '../../src/sources/resolve.js';
import { applyScript } from '../../src/validate/validate-migration.js';
import { closeScratchPool, RESET_SQL } from '../../src/validate/scratch-postgres.js';
import { BOOKKEEPING, knexRunner, prismaRunner, sequelizeRunner, typeormRunner, type Runner, type Target } from '../helpers/node-runners.js';
import { PG_TEST_URL, serverDatabaseWith } from '../helpers/server.js';

const require = createRequire(import.meta.url);
const tmpRoot = join(import.meta.dirname, '..', '..', '.tmp');
/** The shared case folders, plus cases aimed at the builders (every operation, CONCURRENTLY, `?`). */
const ROOTS = [join(import.meta.dirname, '..', 'cases'), join(import.meta.dirname, 'node-cases')];
const CASE_DIRS = new Map(ROOTS.flatMap((root) => readdirSync(root).map((name) => [name, join(root, name)] as const)));
const CASES = [...CASE_DIRS.keys()].sort();
const caseDir = (name: string) => CASE_DIRS.get(name) as string;
const ROLES = ['app_user', 'auditor'];

const RUNNERS = { knex: knexRunner, typeorm: typeormRunner, sequelize: sequelizeRunner, prisma: prismaRunner } as const;
type Format = keyof typeof RUNNERS;
const FORMATS = Object.keys(RUNNERS) as Format[];

interface Hints {
  readonly renames?: string[];
  readonly concurrently?: boolean;
}

const schemas = new Map<string, Promise<{ from: Schema; to: Schema }>>();
function caseSchemas(name: string) {
  let loaded = schemas.get(name);
  if (!loaded) {
    const dir = caseDir(name);
    loaded = Promise.all([loadSchema(join(dir, 'from.sql'), { dialect: 'postgres' }), loadSchema(join(dir, 'to.sql'), { dialect: 'postgres' })]).then(([from, to]) => ({ from, to }));
    schemas.set(name, loaded);
  }
  return loaded;
}

function hintsOf(name: string): Hints {
  const file = join(caseDir(name), 'hints.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Hints) : {};
}

async function emit(name: string, format: Format): Promise<string> {
  const hints = hintsOf(name);
  const result = await generateMigration({
    from: join(caseDir(name), 'from.sql'),
    to: join(caseDir(name), 'to.sql'),
    format,
    name,
    timestamp: '20250101120000',
    renames: hints.renames ?? [],
    concurrently: hints.concurrently ?? false,
    allowDataLoss: true,
  });
  const dir = join(tmpRoot, `runners-${format}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  // The emitted .js files are CommonJS, as each tool writes them; the repository itself is ESM.
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  for (const file of result.files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
  return dir;
}

function withoutBookkeeping(schema: Schema): Schema {
  const tables = Object.fromEntries(Object.entries(schema.tables).filter(([, t]) => !(t.schema === 'public' && BOOKKEEPING.includes(t.name))));
  const sequences = Object.fromEntries(Object.entries(schema.sequences).filter(([, s]) => !(s.schema === 'public' && BOOKKEEPING.some((b) => s.name.startsWith(`${b}_`)))));
  return { ...schema, tables, sequences };
}

async function differences(client: Target['client'], expected: Schema): Promise<string[]> {
  const actual = withoutBookkeeping(await introspectPostgres(client));
  return diffSchemas(actual, expected).changes.map((c) => describeChange(c).summary);
}

async function roundTrip(name: string, format: Format, target: Target): Promise<void> {
  const { from, to } = await caseSchemas(name);
  const dir = await emit(name, format);
  const runner: Runner = RUNNERS[format]();
  const files = () => readdirSync(dir, { recursive: true }).filter((f) => String(f) !== 'package.json').map((f) => `--- ${String(f)}\n${existsSync(join(dir, String(f))) && !String(f).endsWith('/') ? safeRead(join(dir, String(f))) : ''}`).join('\n');
  try {
    await runner.up(dir, target).catch((error: Error) => {
      throw new Error(`${format} up failed: ${error.message}\n${files()}`);
    });
    expect(await differences(target.client, to), `after up, ${name} with ${format}:\n${files()}`).toEqual([]);
    await runner.down(dir, target).catch((error: Error) => {
      throw new Error(`${format} down failed: ${error.message}\n${files()}`);
    });
    expect(await differences(target.client, from), `after down, ${name} with ${format}:\n${files()}`).toEqual([]);
  } finally {
    await runner.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

describe('the case matrix', () => {
  it('exercises every builder operation, up and down, so the runners test each one', async () => {
    const seen = new Set<BuilderOpName>();
    for (const name of CASES) {
      const { from, to } = await caseSchemas(name);
      const hints = hintsOf(name);
      const { changes } = diffSchemas(from, to, { renames: parseRenameHints(hints.renames ?? []) });
      const plan = planMigration({ changes, from, to, dialect: postgresPlanDialect, options: { concurrently: hints.concurrently ?? false } });
      for (const step of [...upSteps(plan), ...downSteps(plan)]) if (step.action.kind === 'op') seen.add(step.action.op.op);
    }
    const all: BuilderOpName[] = ['createTable', 'dropTable', 'renameTable', 'addColumn', 'dropColumn', 'renameColumn', 'addIndex', 'dropIndex', 'addForeignKey', 'dropForeignKey'];
    expect([...seen].sort()).toEqual([...all].sort());
    // Loads every case's schemas (reused by the runner tests below): slow on a busy machine.
  }, 300_000);
});

describe('Node formats run in their own runners on PGlite', () => {
  let db: PGlite;
  beforeAll(async () => {
    // TypeORM's PGlite driver holds one instance per process; the other runners share it.
    const { PGliteDriver, getPGliteInstance } = require('typeorm-pglite') as typeof import('typeorm-pglite');
    const contrib = async (name: string) => ((await import(`@electric-sql/pglite/contrib/${name}`)) as Record<string, unknown>)[name];
    const extensions = { citext: await contrib('citext'), uuid_ossp: await contrib('uuid_ossp'), btree_gist: await contrib('btree_gist'), pg_trgm: await contrib('pg_trgm') };
    new PGliteDriver({ extensions } as never);
    db = (await getPGliteInstance()) as unknown as PGlite;
    for (const role of ROLES) await db.exec(`DO $$ BEGIN CREATE ROLE ${role} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  });
  afterAll(async () => {
    await db?.close();
    await closeScratchPool();
  });

  for (const format of FORMATS) {
    for (const name of CASES) {
      it(`${format}: ${name}`, async () => {
        const client = pgliteClient(db);
        await db.exec('ROLLBACK').catch(() => undefined);
        await db.exec(RESET_SQL);
        const loaded = await applyScript(client, readFileSync(join(caseDir(name), 'from.sql'), 'utf8'));
        expect(loaded.error).toBeUndefined();
        await roundTrip(name, format, { engine: 'pglite', client: { ...client, close: async () => undefined }, pglite: db });
      });
    }
  }
});

describe.skipIf(!PG_TEST_URL)('Node formats run in their own runners on the PostgreSQL server (PG_TEST_URL)', () => {
  beforeAll(async () => {
    const client = await connectPostgres(PG_TEST_URL as string);
    for (const role of ROLES) await client.exec(`DO $$ BEGIN CREATE ROLE ${role} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    await client.close();
  });
  afterAll(closeScratchPool);

  for (const format of FORMATS) {
    for (const name of CASES) {
      it(`${format}: ${name}`, async () => {
        const database = await serverDatabaseWith(readFileSync(join(caseDir(name), 'from.sql'), 'utf8'));
        const client = await connectPostgres(database.url);
        try {
          await roundTrip(name, format, { engine: 'server', client, url: database.url });
        } finally {
          await client.close();
          await database.drop();
        }
      });
    }
  }
});
