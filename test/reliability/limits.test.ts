/** Per-call time limit, the stdio message size limit, and secret scrubbing that stays linear on huge text. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { redactSecrets, redactUrl } from '../../src/core/redact.js';
import { limitLines, oversizedResponse, type OversizedMessage } from '../../src/mcp/message-limit.js';
import { createServer } from '../../src/mcp/server.js';
import { callTimeoutMs, DEFAULT_CALL_TIMEOUT_MS, defineTool, type ToolDefinition } from '../../src/mcp/tool.js';
import { textOf } from '../mcp/helpers.js';

const output = z.object({ done: z.boolean() });
const base = { title: 'T', description: 'test', output, annotations: { readOnlyHint: true }, markdown: () => 'done' };

/** Never settles and ignores its signal: the limit alone must end the call. */
const stuck = defineTool({ ...base, name: 'stuck', input: z.object({}), handler: () => new Promise<never>(() => undefined) });
/** Waits for its signal, the way a well-behaved op stops between stages. */
let sawAbort: unknown;
const polite = defineTool({
  ...base,
  name: 'polite',
  input: z.object({}),
  handler: (_input, context) =>
    new Promise((_, reject) =>
      context.signal.addEventListener('abort', () => {
        sawAbort = context.signal.reason;
        reject(context.signal.reason);
      }),
    ),
});
const quick = defineTool({ ...base, name: 'quick', input: z.object({}), handler: async () => ({ done: true }) });

let client: Client | undefined;
async function connect(tools: readonly ToolDefinition[]): Promise<Client> {
  const server = createServer({ tools, prompts: [], resources: [], log: () => undefined });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'limits', version: '1' });
  await client.connect(clientSide);
  return client;
}

describe('per-call time limit', () => {
  const saved = process.env.MIGRATION_GENERATOR_CALL_TIMEOUT_MS;
  beforeEach(() => {
    process.env.MIGRATION_GENERATOR_CALL_TIMEOUT_MS = '150';
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.MIGRATION_GENERATOR_CALL_TIMEOUT_MS;
    else process.env.MIGRATION_GENERATOR_CALL_TIMEOUT_MS = saved;
    await client?.close();
  });

  it('reads MIGRATION_GENERATOR_CALL_TIMEOUT_MS, 120 s by default', () => {
    expect(DEFAULT_CALL_TIMEOUT_MS).toBe(120_000);
    expect(callTimeoutMs({})).toBe(120_000);
    expect(callTimeoutMs({ MIGRATION_GENERATOR_CALL_TIMEOUT_MS: 'soon' })).toBe(120_000);
    expect(callTimeoutMs({ MIGRATION_GENERATOR_CALL_TIMEOUT_MS: '-5' })).toBe(120_000);
    expect(callTimeoutMs({ MIGRATION_GENERATOR_CALL_TIMEOUT_MS: '2500' })).toBe(2500);
  });

  it('answers a call that never finishes with TIMEOUT and keeps serving', async () => {
    const c = await connect([stuck, polite, quick]);
    const results = await Promise.all([c.callTool({ name: 'stuck', arguments: {} }), c.callTool({ name: 'stuck', arguments: {} })]);
    for (const result of results) {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^TIMEOUT: stuck did not finish within 150 ms and was stopped \(.*MIGRATION_GENERATOR_CALL_TIMEOUT_MS/);
    }
    expect((await c.callTool({ name: 'quick', arguments: {} })).structuredContent).toEqual({ done: true });
  });

  it("aborts the handler's signal when the time is up", async () => {
    const c = await connect([polite]);
    const result = await c.callTool({ name: 'polite', arguments: {} });
    expect(textOf(result)).toMatch(/^TIMEOUT: /);
    expect((sawAbort as Error).message).toMatch(/did not finish within/);
  });
});

async function throughLimit(input: string[], limit: number): Promise<{ lines: string[]; dropped: OversizedMessage[] }> {
  const dropped: OversizedMessage[] = [];
  const stream = Readable.from(input.map((s) => Buffer.from(s))).pipe(limitLines(limit, (m) => dropped.push(m)));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { lines: Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean), dropped };
}

describe('stdio message size limit', () => {
  it('passes lines within the limit, whole, however they are chunked', async () => {
    const { lines, dropped } = await throughLimit(['{"a":', '1}\n{"b"', ':2}\n', '{"c":3}\n'], 10);
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(dropped).toEqual([]);
  });

  it('drops a longer line whole, reports its size and id, and carries on with the next', async () => {
    const big = JSON.stringify({ method: 'tools/call', params: { arguments: { sql: 'x'.repeat(5000) } }, jsonrpc: '2.0', id: 7 });
    const first = JSON.stringify({ jsonrpc: '2.0', id: 'req-9', method: 'tools/call', params: { sql: 'y'.repeat(5000) } });
    const { lines, dropped } = await throughLimit([`${big.slice(0, 3000)}`, `${big.slice(3000)}\n{"ok":1}\n`, `${first}\n`, 'z'.repeat(2000), '\n'], 1000);
    expect(lines).toEqual(['{"ok":1}']);
    expect(dropped).toEqual([
      { bytes: big.length, id: 7 },
      { bytes: first.length, id: 'req-9' },
      { bytes: 2000, id: null },
    ]);
    expect(JSON.parse(oversizedResponse(dropped[0] as OversizedMessage, 1000))).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: { code: -32600, message: expect.stringMatching(/^Request too large: \d+ bytes, the limit is 1000 bytes/) },
    });
  });
});

describe('secret scrubbing', () => {
  it.each([
    ['postgres://admin:s3cret@db.example/app', 'postgres://admin:***@db.example/app'],
    ['cannot connect to postgresql://u:p%40ss@h:5432/d: refused', 'cannot connect to postgresql://u:***@h:5432/d: refused'],
    ['postgres:admin:s3cret@db/app', 'postgres:***@db/app'],
    ['postgresql//admin:s3cret@db/app', 'postgresql//admin:***@db/app'],
    ['mysql://root:p@ss@host/db', 'mysql://root:***@host/db'],
    ['host=db password=s3cret user=x', 'host=db password=*** user=x'],
    ["sslpassword='s3 cret'", 'sslpassword=***'],
    ['Authorization: Bearer tok-12345678', 'Authorization: Bearer ***'],
    ['serving at http://127.0.0.1:3000/mcp (bearer token required)', 'serving at http://127.0.0.1:3000/mcp (bearer token required)'],
    ['no secrets: user@example.com and a:b', 'no secrets: user@example.com and a:b'],
  ])('%s', (text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it('scrubs URLs the WHATWG parser reads without a password', () => {
    expect(redactUrl('postgres:admin:s3cret@db/app')).not.toContain('s3cret');
    expect(redactUrl('postgres://admin:s3cret@db/app?password=other')).toBe('postgres://admin:***@db/app?password=***');
  });

  it('stays linear on megabytes of text with no secret in it, or many', () => {
    const huge = 'x'.repeat(5_000_000);
    expect(redactSecrets(huge)).toBe(huge);
    const many = 'a://b:c@'.repeat(200_000);
    expect(redactSecrets(many)).not.toContain(':c@');
    expect(redactSecrets(`${'password='.repeat(300_000)}`).length).toBeGreaterThan(0);
  });
});
