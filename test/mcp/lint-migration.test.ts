/** lint-migration through the real server (in process) and the lint rule docs as resources. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/registry.js';
import { silentLogger } from '../../src/mcp/log.js';
import { createServer, defaultServerOptions } from '../../src/mcp/server.js';
import { lintMigrationOutputSchema } from '../../src/ops/lint-migration.js';
import { textOf } from './helpers.js';

let client: Client;

beforeAll(async () => {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createServer(defaultServerOptions({ log: silentLogger })).connect(serverSide);
  client = new Client({ name: 'lint-test', version: '1.0.0' });
  await client.connect(clientSide);
});

afterAll(async () => {
  await client.close();
});

describe('lint-migration tool', () => {
  it('is read-only and never contacts a database', async () => {
    const tool = (await client.listTools()).tools.find((t) => t.name === 'lint-migration')!;
    expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: false });
  });

  it('lints inline SQL and files; structured content matches the op schema; Markdown lists findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-lint-'));
    const file = join(dir, '002_index.sql');
    writeFileSync(file, "SET lock_timeout = '2s';\nCREATE INDEX i ON orders (user_id);\n");
    const result = await client.callTool({ name: 'lint-migration', arguments: { sql: 'ALTER TABLE users DROP COLUMN legacy;', files: [file] } });
    expect(result.isError).toBeFalsy();
    const out = lintMigrationOutputSchema.parse(result.structuredContent);
    expect(out.findings.map((f) => f.rule)).toEqual(['ban-drop-column', 'require-timeout-settings', 'require-concurrent-index-creation']);
    expect(out.findings[0]!.docs).toBe('migration-generator://lint-rules/ban-drop-column');
    const text = textOf(result);
    expect(text).toMatch(/^\*\*3 findings\*\* in 3 statements: 2 errors, 1 warnings, 0 infos\./);
    expect(text).toContain(`| ${file}:2:1 require-concurrent-index-creation |`);
    expect(text).toContain(`- \`${file}\`: 2 statements`);
  });

  it('answers bad input as isError and keeps serving', async () => {
    const nothing = await client.callTool({ name: 'lint-migration', arguments: {} });
    expect(nothing.isError).toBe(true);
    expect(textOf(nothing)).toMatch(/give sql or at least one file/);
    const missing = await client.callTool({ name: 'lint-migration', arguments: { files: ['/no/such/file.sql'] } });
    expect(textOf(missing)).toMatch(/^NOT_FOUND: migration file not found: \/no\/such\/file\.sql/);
    const syntax = await client.callTool({ name: 'lint-migration', arguments: { sql: 'ALTER TABEL x;' } });
    expect(syntax.isError).toBe(true);
    const safer = await client.callTool({ name: 'lint-migration', arguments: { sql: "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY i ON t (c);" } });
    expect(lintMigrationOutputSchema.parse(safer.structuredContent).findings.map((f) => f.rule)).not.toContain('require-concurrent-index-creation');
  });
});

describe('lint rule docs as resources', () => {
  it('lists an index and one page per rule, at the URI findings point to', async () => {
    const { resources } = await client.listResources();
    const uris = new Set(resources.map((r) => r.uri));
    expect(uris.has('migration-generator://lint-rules')).toBe(true);
    for (const rule of RULES) expect(uris.has(`migration-generator://lint-rules/${rule.id}`), rule.id).toBe(true);
    const page = await client.readResource({ uri: 'migration-generator://lint-rules/ban-drop-column' });
    expect((page.contents[0] as { text: string }).text).toMatch(/^# ban-drop-column\n/);
  });
});
