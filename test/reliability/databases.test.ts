/**
 * Validation against a real server touches only the scratch database it creates, and drops it: when the
 * migration succeeds, when it fails half-way, and when the connection is killed mid-validation.
 * Reading a live database happens in a read-only transaction the server enforces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../../src/dialects/postgres/client.js';
import { introspectPostgres } from '../../src/dialects/postgres/introspect.js';
import { connectPostgres } from '../../src/dialects/postgres/server.js';
import { validateMigrationOp } from '../../src/ops/validate-migration.js';
import { loadLivePostgres, withReadOnlyPostgres } from '../../src/sources/live/postgres.js';
import { scratchPrefix } from '../../src/validate/scratch-postgres.js';
import { PG_TEST_URL, serverDatabaseWith } from '../helpers/server.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CANARY_SQL = `
CREATE TABLE canary (id int PRIMARY KEY, note text NOT NULL);
CREATE INDEX canary_note ON canary (note);
CREATE VIEW canary_view AS SELECT id FROM canary;
INSERT INTO canary SELECT g, 'row ' || g FROM generate_series(1, 50) g;`;

const FROM = 'CREATE TABLE canary (id int PRIMARY KEY, note text NOT NULL);';

describe.skipIf(!PG_TEST_URL)('databases on a server', () => {
  let canary: { url: string; drop: () => Promise<void> };
  let admin: SqlClient;
  let dir: string;

  beforeAll(async () => {
    canary = await serverDatabaseWith(CANARY_SQL);
    admin = await connectPostgres(PG_TEST_URL as string);
    dir = mkdtempSync(join(tmpdir(), 'mg-db-'));
  });
  afterAll(async () => {
    await admin?.close();
    await canary?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string, sql: string) => {
    const path = join(dir, name);
    writeFileSync(path, sql);
    return path;
  };

  /** The server's databases but other test runs' scratch ones, with their owners and settings. */
  async function stableDatabases(): Promise<string[]> {
    const rows = await admin.query<{ d: string }>(
      "SELECT datname || ':' || datdba::regrole || ':' || datallowconn || ':' || datconnlimit AS d FROM pg_database WHERE datname !~ '^mg_(test|scratch)_' ORDER BY 1",
    );
    return rows.map((r) => r.d);
  }

  async function ownScratches(): Promise<string[]> {
    const rows = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [scratchPrefix()]);
    return rows.map((r) => r.datname);
  }

  /** The canary's schema and every row, as one string. */
  async function checksum(): Promise<string> {
    const client = await connectPostgres(canary.url);
    try {
      const schema = JSON.stringify(await introspectPostgres(client));
      const [rows] = await client.query<{ md5: string }>("SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) AS md5 FROM canary c");
      return `${schema}\n${rows?.md5}`;
    } finally {
      await client.close();
    }
  }

  async function untouched(run: () => Promise<unknown>): Promise<unknown> {
    const databases = await stableDatabases();
    const sum = await checksum();
    const outcome = await run().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    // Other jobs on the shared server create and drop their own databases meanwhile: compare what both lists
    // name, and insist that none of the server's own databases went missing.
    const after = await stableDatabases();
    const name = (entry: string) => entry.split(':')[0];
    const afterNames = new Set(after.map(name));
    expect(after.filter((entry) => databases.map(name).includes(name(entry)))).toEqual(databases.filter((entry) => afterNames.has(name(entry))));
    for (const own of ['postgres', 'template0', 'template1', new URL(PG_TEST_URL as string).pathname.slice(1)]) expect(afterNames).toContain(own);
    expect(await checksum()).toBe(sum);
    expect(await ownScratches()).toEqual([]);
    return outcome;
  }

  it('validates a migration read from the live database on a scratch database, and leaves everything else as it was', async () => {
    const outcome = (await untouched(() =>
      validateMigrationOp({
        from: canary.url,
        up: file('up.sql', 'DROP VIEW canary_view; ALTER TABLE canary DROP COLUMN note; DELETE FROM canary;'),
        down: file('down.sql', "ALTER TABLE canary ADD COLUMN note text NOT NULL DEFAULT ''; CREATE VIEW canary_view AS SELECT id FROM canary;"),
        databaseUrl: PG_TEST_URL,
      }),
    )) as { value: { engine: string; steps: { name: string }[] } };
    expect(outcome.value.engine).toBe('server');
    expect(outcome.value.steps.map((s) => s.name)).toContain('apply up');
  });

  it('drops the scratch database when the migration fails half-way', async () => {
    const outcome = (await untouched(() =>
      validateMigrationOp({
        from: FROM,
        up: file('half.up.sql', 'CREATE TABLE made_first (id int); DROP TABLE canary; SELECT 1/0; CREATE TABLE never (id int);'),
        down: file('half.down.sql', 'DROP TABLE made_first;'),
        databaseUrl: PG_TEST_URL,
      }),
    )) as { value: { ok: boolean; steps: { name: string; ok: boolean; error?: string }[] } };
    expect(outcome.value.ok).toBe(false);
    expect(outcome.value.steps.find((s) => s.name === 'apply up')).toMatchObject({ ok: false, error: expect.stringMatching(/division by zero/) });
  });

  it('answers CONNECTION_FAILED and drops the scratch database when its connection is killed mid-validation', async () => {
    const killer = (async () => {
      // Wait for the scratch session to be inside the migration, then end it from a second connection.
      for (let i = 0; i < 600; i++) {
        const killed = await admin.query<{ ok: boolean }>(
          "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE starts_with(datname, $1) AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()",
          [scratchPrefix()],
        );
        if (killed.length > 0) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    })();
    const outcome = (await untouched(async () => {
      try {
        return await validateMigrationOp({ from: FROM, up: file('slow.up.sql', 'CREATE TABLE t1 (id int); SELECT pg_sleep(60);'), down: file('slow.down.sql', 'DROP TABLE t1;'), databaseUrl: PG_TEST_URL, sampleRows: 0 });
      } finally {
        expect(await killer).toBe(true);
      }
    })) as { error?: { code?: string; message?: string } };
    expect(outcome.error).toMatchObject({ code: 'CONNECTION_FAILED', message: expect.stringMatching(/lost the connection to the scratch database/) });
  }, 120_000);

  it('reads a live database in a transaction the server keeps read-only', async () => {
    await untouched(async () => {
      for (const write of ['CREATE TABLE intruder (id int)', 'DELETE FROM canary', "UPDATE canary SET note = 'x'", 'DROP VIEW canary_view', 'COMMIT; DELETE FROM canary', 'SET TRANSACTION READ WRITE']) {
        await expect(withReadOnlyPostgres(canary.url, (client) => client.exec(write)), write).rejects.toThrow(/read-only|READ WRITE|cannot/i);
      }
      const schema = await loadLivePostgres(canary.url);
      expect(Object.keys(schema.tables)).toEqual(['public.canary']);
    });
  });

  it('answers CONNECTION_FAILED when the connection is killed mid-introspection', async () => {
    const failure = await withReadOnlyPostgres(canary.url, async (client) => {
      const [me] = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [me?.pid]);
      return client.query('SELECT 1');
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'CONNECTION_FAILED', message: expect.stringMatching(/lost the connection while reading/) });
  });
});
