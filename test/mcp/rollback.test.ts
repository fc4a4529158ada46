/** rollback through the real MCP server (in process). */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/mcp/log.js';
import { createServer, defaultServerOptions } from '../../src/mcp/server.js';
import { rollbackOutput } from '../../src/ops/rollback.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';
import { textOf } from './helpers.js';

let client: Client;

beforeAll(async () => {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createServer(defaultServerOptions({ log: silentLogger })).connect(serverSide);
  client = new Client({ name: 'rollback-test', version: '1.0.0' });
  await client.connect(clientSide);
});

afterAll(async () => {
  await client.close();
  await closeScratchPool();
});

describe('rollback tool', () => {
  it('is read-only: it returns text and migrates no real database', async () => {
    const tool = (await client.listTools()).tools.find((t) => t.name === 'rollback')!;
    expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: false });
  });

  it('returns the exact down with from, and the irreversible parts without', async () => {
    const exact = await client.callTool({ name: 'rollback', arguments: { sql: 'ALTER TABLE t ALTER COLUMN n TYPE bigint;', from: 'CREATE TABLE t (id int PRIMARY KEY, n int);' } });
    expect(exact.isError).toBeFalsy();
    const result = rollbackOutput.parse(exact.structuredContent);
    expect(result.down).toContain('ALTER TABLE public.t ALTER COLUMN n TYPE integer');
    expect(result.verified?.ok).toBe(true);
    expect(textOf(exact)).toContain('Proven on a scratch database');

    const text = await client.callTool({ name: 'rollback', arguments: { sql: 'ALTER TABLE t ALTER COLUMN n TYPE bigint;' } });
    const statements = rollbackOutput.parse(text.structuredContent);
    expect(statements.irreversible[0]?.reason).toMatch(/previous type/);
  });

  it('answers bad input with an error result and keeps serving', async () => {
    const bad = await client.callTool({ name: 'rollback', arguments: { sql: 'DROP TABLE t;', from: 'CREATE TABLE other (id int);' } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/does not apply/);
  });
});
