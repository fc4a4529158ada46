/**
 * Hostile HTTP in front of MCP: generated headers and bodies (wrong Origin, Host, token forms, broken
 * or deeply nested JSON, wrong JSON-RPC shapes, random bytes) inside and outside a session. Each gets
 * a 4xx or a JSON-RPC error, never a 5xx or a dropped connection, and the server keeps serving.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fc from 'fast-check';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../../src/mcp/http.js';
import { defaultServerOptions } from '../../src/mcp/server.js';
import { SEED } from './inputs.js';

const TOKEN = 'hostile-token-5678';
let server: RunningHttpServer;
let sessionId: string;
const logged: string[] = [];

beforeAll(async () => {
  server = await startHttpServer({ port: 0, host: '127.0.0.1', token: TOKEN, maxBodyBytes: 64 * 1024, server: defaultServerOptions({ log: (l) => logged.push(l) }) });
  const init = await send({ body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'hostile', version: '1' } } }) });
  sessionId = init.headers['mcp-session-id'] as string;
  expect(sessionId).toBeTruthy();
  await send({ headers: { 'Mcp-Session-Id': sessionId }, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
});
afterAll(async () => server?.close());

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** Always with a Content-Length: Node sends a GET body without one, which is no longer HTTP at all. */
function send(options: { method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  const body = options.body ?? '';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/mcp',
        method: options.method ?? 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: `Bearer ${TOKEN}`, 'Content-Length': String(Buffer.byteLength(body)), ...options.headers },
      },
      (res) => {
        // GET in a session opens the notification stream, which stays open by design.
        if ((options.method ?? 'POST') === 'GET' && String(res.headers['content-type']).includes('event-stream')) {
          res.destroy();
          return resolve({ status: res.statusCode ?? 0, body: '', headers: res.headers });
        }
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function stillServes(): Promise<void> {
  const transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } });
  const client = new Client({ name: 'after', version: '1' });
  await client.connect(transport);
  const result = await client.callTool({ name: 'lint-migration', arguments: { sql: 'DROP TABLE t;' } });
  expect(result.isError).toBeFalsy();
  await transport.terminateSession();
  await client.close();
}

const jsonRpcShapes = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.record({ jsonrpc: fc.constantFrom('2.0', '1.0', 2), id: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.object()), method: fc.oneof(fc.constantFrom('tools/call', 'tools/list', 'initialize', 'resources/read', 'prompts/get', 'ping'), fc.string()), params: fc.anything({ maxDepth: 3 }) }).map((m) => JSON.stringify(m)),
  fc.record({ name: fc.constantFrom('detect-changes', 'lint-migration', 'nope'), arguments: fc.anything({ maxDepth: 2 }) }).map((params) => JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/call', params })),
  fc.array(fc.constant({ jsonrpc: '2.0', id: 3, method: 'tools/list' }), { maxLength: 5 }).map((batch) => JSON.stringify(batch)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.integer({ min: 1000, max: 30000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1000, max: 30000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
);

const hostileHeaders = fc.record(
  {
    Origin: fc.constantFrom('http://evil.example', 'null', 'file://', 'http://127.0.0.1.evil.example', 'http://localhost:1', 'javascript:alert(1)', 'http://[::1]:9'),
    Host: fc.constantFrom('evil.example', '127.0.0.1.nip.io', 'localhost:1', '[::1]', ''),
    Authorization: fc.constantFrom('', 'Bearer', `Bearer ${TOKEN}x`, `bearer ${TOKEN}`, `Basic ${TOKEN}`, `Bearer  ${TOKEN} `, 'Bearer \u00ff'),
    'Content-Type': fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'),
    'Mcp-Session-Id': fc.constantFrom('', 'no-such-session', '../../etc/passwd'),
  },
  { requiredKeys: [] },
);

describe('hostile HTTP', () => {
  it('answers generated bodies and headers with 2xx/4xx, never 5xx, in and out of a session', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(jsonRpcShapes, fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 2, arbitrary: hostileHeaders }), fc.boolean(), fc.constantFrom('POST', 'POST', 'POST', 'GET', 'DELETE', 'PUT'), async (body, headers: { Origin?: string }, inSession, method) => {
        const answer = await send({ method, body, headers: { ...(inSession ? { 'Mcp-Session-Id': sessionId } : {}), ...headers } });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expect(answer.status, `${method} ${JSON.stringify(headers)} ${body.slice(0, 200)} → ${answer.body.slice(0, 300)}`).toBeLessThan(500);
        expect(answer.status).toBeGreaterThanOrEqual(200);
        if (headers.Origin && !/^http:\/\/(localhost|\[::1\])(:\d+)?$/.test(headers.Origin)) expect(answer.status).toBe(403);
      }),
      { seed: SEED, numRuns: 300, endOnFailure: true },
    );
    expect(logged.filter((l) => /HTTP request failed|internal/i.test(l))).toEqual([]);
    console.log(`hostile HTTP: 300 requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    await stillServes();
  }, 300_000);

  it('refuses a body over the limit, declared or streamed, and a request without the token', async () => {
    expect((await send({ headers: { 'Mcp-Session-Id': sessionId }, body: Buffer.alloc(65 * 1024, 0x20) })).status).toBe(413);
    expect((await send({ headers: { Authorization: '' }, body: '{}' })).status).toBe(401);
    expect((await send({ headers: { Origin: 'http://evil.example' }, body: '{}' })).status).toBe(403);
    expect((await send({ headers: { 'Mcp-Session-Id': sessionId }, body: '{"jsonrpc": "2.0", "id": 1, "method": "tools/list"' })).status).toBe(400);
    await stillServes();
  });

  it('keeps serving when clients disconnect in the middle of a request', async () => {
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: '/mcp', method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, 'Content-Length': '5000' } });
        req.on('error', () => resolve());
        req.write('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lint-migration","arguments":{"sql":"');
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 5);
      });
    }
    await stillServes();
  });
});
