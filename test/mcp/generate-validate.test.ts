/** generate-migration and validate-migration through the real server (in process): results, files, progress, renames. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema, type ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/mcp/log.js';
import { createServer, defaultServerOptions } from '../../src/mcp/server.js';
import { generateMigrationOutput } from '../../src/ops/generate-migration.js';
import { validateMigrationOutput } from '../../src/ops/validate-migration.js';
import { RENAME_FROM, RENAME_TO, textOf } from './helpers.js';

async function connect(capabilities: ClientCapabilities = {}): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createServer(defaultServerOptions({ log: silentLogger })).connect(serverSide);
  const client = new Client({ name: 'generate-test', version: '1.0.0' }, { capabilities });
  await client.connect(clientSide);
  return client;
}

let client: Client;
beforeAll(async () => (client = await connect()));
afterAll(async () => client?.close());

const FROM = 'CREATE TABLE users (id bigint PRIMARY KEY, name text);';
const TO = 'CREATE TABLE users (id bigint PRIMARY KEY, name text, email varchar(200));';

describe('generate-migration tool', () => {
  it('is listed with honest annotations: it may write new files, never destroys', async () => {
    const tool = (await client.listTools()).tools.find((t) => t.name === 'generate-migration')!;
    expect(tool.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(tool.inputSchema.required).toEqual(['from', 'to']);
  });

  it('answers with up, down and the files; writes nothing without out', async () => {
    const result = await client.callTool({ name: 'generate-migration', arguments: { from: FROM, to: TO, name: 'add email' } });
    expect(result.isError).toBeFalsy();
    const out = generateMigrationOutput.parse(result.structuredContent);
    expect(out.up).toContain('ALTER TABLE public.users ADD COLUMN email character varying(200);');
    expect(out.down).toContain('ALTER TABLE public.users DROP COLUMN email;');
    expect(out.files.map((f) => f.path)).toEqual(['001_add_email.up.sql', '001_add_email.down.sql']);
    expect(out.written).toEqual([]);
    const text = textOf(result);
    expect(text).toMatch(/^\*\*1 changes\*\* in 1 steps; fully reversible; keeps all data; runs in one transaction\./);
    expect(text).toContain('- `001_add_email.up.sql`: not written');
  });

  it('writes into out after the files already there, and never over them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-generate-'));
    writeFileSync(join(dir, '001_init.up.sql'), FROM);
    const result = await client.callTool({ name: 'generate-migration', arguments: { from: FROM, to: TO, name: 'add email', out: dir } });
    const out = generateMigrationOutput.parse(result.structuredContent);
    expect(out.written).toHaveLength(2);
    expect(readdirSync(dir).sort()).toEqual(['001_init.up.sql', '002_add_email.down.sql', '002_add_email.up.sql']);
    expect(readFileSync(join(dir, '002_add_email.up.sql'), 'utf8')).toBe(out.up);
    expect(readFileSync(join(dir, '001_init.up.sql'), 'utf8')).toBe(FROM);
  });

  it('refuses to write a migration that loses data unless allowed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-generate-loss-'));
    const refused = generateMigrationOutput.parse((await client.callTool({ name: 'generate-migration', arguments: { from: TO, to: FROM, out: dir } })).structuredContent);
    expect(refused.written).toEqual([]);
    expect(refused.warnings.map((w) => w.code)).toContain('NOT_WRITTEN');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('validates on PGlite when asked, reporting each stage as progress', async () => {
    const seen: string[] = [];
    const result = await client.callTool({ name: 'generate-migration', arguments: { from: FROM, to: TO, validate: true } }, undefined, {
      onprogress: (p) => seen.push(p.message ?? ''),
    });
    const out = generateMigrationOutput.parse(result.structuredContent);
    expect(out.validation?.ok).toBe(true);
    expect(out.validation?.engine).toBe('pglite');
    expect(seen).toEqual(['validation: load from', 'validation: apply up', 'validation: apply down', 'validation: compare with from']);
    expect(textOf(result)).toContain('Validation on pglite: **passed**');
  });

  it('answers bad input as isError and keeps serving', async () => {
    const bad = await client.callTool({ name: 'generate-migration', arguments: { from: 'CREATE TABEL x (;', to: TO } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/^SYNTAX_ERROR/);
    const format = await client.callTool({ name: 'generate-migration', arguments: { from: FROM, to: TO, format: 'cobol' } });
    expect(format.isError).toBe(true);
    expect((await client.callTool({ name: 'generate-migration', arguments: { from: FROM, to: TO } })).isError).toBeFalsy();
  });

  it('asks a client with elicitation about a possible rename and generates RENAME', async () => {
    const asking = await connect({ elicitation: { form: {} } });
    const asked: string[] = [];
    asking.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params.message);
      return { action: 'accept', content: { answer: 'rename' } };
    });
    try {
      const out = generateMigrationOutput.parse((await asking.callTool({ name: 'generate-migration', arguments: { from: RENAME_FROM, to: RENAME_TO } })).structuredContent);
      expect(asked).toHaveLength(1);
      expect(out.up).toContain('ALTER TABLE public.users RENAME COLUMN fullname TO full_name;');
      expect(out.changes.map((c) => c.kind)).toEqual(['rename_column', 'add_column']);
    } finally {
      await asking.close();
    }
  });

  it('without elicitation, reports the possible rename and generates drop + add behind the data-loss guard', async () => {
    const out = generateMigrationOutput.parse((await client.callTool({ name: 'generate-migration', arguments: { from: RENAME_FROM, to: RENAME_TO } })).structuredContent);
    expect(out.warnings.map((w) => w.code)).toContain('POSSIBLE_RENAME');
    expect(out.plan.destructive).toBe(true);
    expect(out.up).toContain('RAISE EXCEPTION');
  });
});

describe('validate-migration tool', () => {
  it('is read-only towards everything the user owns', async () => {
    const tool = (await client.listTools()).tools.find((t) => t.name === 'validate-migration')!;
    expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
  });

  it('proves a correct pair, given as inline SQL', async () => {
    const result = await client.callTool({
      name: 'validate-migration',
      arguments: { from: FROM, to: TO, up: 'ALTER TABLE users ADD COLUMN email varchar(200);', down: 'ALTER TABLE users DROP COLUMN email;' },
    });
    const out = validateMigrationOutput.parse(result.structuredContent);
    expect(out.ok).toBe(true);
    expect(out.steps.map((s) => s.name)).toEqual(['load from', 'apply up', 'compare with to', 'apply down', 'compare with from', 'rows kept by up']);
    expect(textOf(result)).toMatch(/^\*\*Validated\*\* on pglite: 6 stages passed\./);
  });

  it('catches a down that does not return to from, naming the difference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-validate-'));
    writeFileSync(join(dir, 'up.sql'), 'ALTER TABLE users ADD COLUMN email varchar(200);');
    writeFileSync(join(dir, 'down.sql'), 'SELECT 1;');
    const result = await client.callTool({ name: 'validate-migration', arguments: { from: FROM, to: TO, up: join(dir, 'up.sql'), down: join(dir, 'down.sql') } });
    const out = validateMigrationOutput.parse(result.structuredContent);
    expect(out.ok).toBe(false);
    const compare = out.steps.find((s) => s.name === 'compare with from')!;
    expect(compare.ok).toBe(false);
    expect(compare.differences?.join('\n')).toMatch(/email/);
    expect(textOf(result)).toMatch(/^\*\*Validation failed\*\* on pglite: compare with from\./);
  });

  it('names a missing migration file', async () => {
    const result = await client.callTool({ name: 'validate-migration', arguments: { from: FROM, up: '/no/such/up.sql', down: '/no/such/down.sql' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^NOT_FOUND: cannot read migration file \/no\/such\/up\.sql/);
  });
});

describe('generate-migration with a data migration', () => {
  it('returns the intent as its own up and down next to the schema migration', async () => {
    const from = 'CREATE TABLE people (id bigint PRIMARY KEY, full_name text);';
    const to = 'CREATE TABLE people (id bigint PRIMARY KEY, full_name text, first_name text, last_name text);';
    const result = await client.callTool({
      name: 'generate-migration',
      arguments: { from, to, dataMigration: { intent: 'split', table: 'people', column: 'full_name', into: ['first_name', 'last_name'] } },
    });
    expect(result.isError).toBeFalsy();
    const out = generateMigrationOutput.parse(result.structuredContent);
    expect(out.changes.map((c) => c.kind)).toEqual(['add_column', 'add_column']);
    expect(out.dataMigration?.up).toMatch(/first_name/);
    expect(out.dataMigration?.down).toBeTruthy();
    expect(textOf(result)).toContain('Data migration, up:');
    const bad = await client.callTool({ name: 'generate-migration', arguments: { from, to, dataMigration: { intent: 'backfill', table: 'people', column: 'x', expression: 'now(' } } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/^SYNTAX_ERROR: expression does not parse/);
  });
});
