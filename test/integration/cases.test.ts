/**
 * Every folder under test/cases is a case: from.sql, to.sql and an optional hints.json
 * ({ "renames": ["a=b"], "sampleRows": 3, "concurrently": true }). The generated up must turn from
 * into to exactly, and down must bring from back: on PGlite, and on PG_TEST_URL's server when set.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/dialects/postgres/server.js';
import { generateMigration } from '../../src/ops/generate-migration.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';

const root = join(import.meta.dirname, '..', 'cases');
const cases = readdirSync(root).sort();
const serverUrl = process.env.PG_TEST_URL;

interface Hints {
  readonly renames?: string[];
  readonly sampleRows?: number;
  readonly concurrently?: boolean;
}

function hintsOf(dir: string): Hints {
  const file = join(dir, 'hints.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Hints) : {};
}

async function roundTrip(name: string, scratchUrl?: string) {
  const dir = join(root, name);
  const hints = hintsOf(dir);
  const result = await generateMigration({
    from: join(dir, 'from.sql'),
    to: join(dir, 'to.sql'),
    renames: hints.renames ?? [],
    concurrently: hints.concurrently ?? false,
    allowDataLoss: true,
    validate: true,
    sampleRows: hints.sampleRows ?? 0,
    scratchUrl,
  });
  const failures = (result.validation?.steps ?? []).filter((s) => !s.ok);
  expect(failures, `${name}:\n${result.up}\n---- down ----\n${result.down}`).toEqual([]);
  expect(result.changes.length).toBeGreaterThan(0);
  return result;
}

afterAll(async () => {
  await closeScratchPool();
});

describe('case folders round-trip on PGlite', () => {
  for (const name of cases) it(name, async () => void (await roundTrip(name)), 60_000);
});

/** Roles the cases grant to; roles are cluster-wide, so a server's scratch databases cannot create them. */
const CASE_ROLES = ['app_user', 'auditor'];

describe.skipIf(!serverUrl)('case folders round-trip on the PostgreSQL server (PG_TEST_URL)', () => {
  beforeAll(async () => {
    const client = await connectPostgres(serverUrl as string);
    for (const role of CASE_ROLES) await client.exec(`DO $$ BEGIN CREATE ROLE ${role} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    await client.close();
  });
  for (const name of cases) it(name, async () => void (await roundTrip(name, serverUrl)), 60_000);
});
