/** Streamable HTTP: sessions, many clients, and the checks in front of MCP (Host, Origin, token, body size). */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../../src/mcp/http.js';
import { silentLogger } from '../../src/mcp/log.js';
import { defaultServerOptions } from '../../src/mcp/server.js';
import { detectChangesOutput } from '../../src/ops/detect-changes.js';
import { addColumnPair, textOf } from './helpers.js';

const TOKEN = 'test-token-1234';
let server: RunningHttpServer;

beforeAll(async () => {
  server = await startHttpServer({ port: 0, host: '127.0.0.1', token: TOKEN, server: defaultServerOptions({ log: silentLogger }) });
});

afterAll(async () => {
  await server?.close();
});

async function connect(token = TOKEN): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers } });
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };

/** A raw request, so headers a fetch client would not send (a foreign Host) can be tried. */
function raw(options: { path?: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: options.path ?? '/mcp',
        method: options.method ?? 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: `Bearer ${TOKEN}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body ?? JSON.stringify(INITIALIZE));
  });
}

describe('serve --http', () => {
  it('serves the tools to a client that sends the token', async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['detect-changes', 'lint-migration', 'zero-downtime-plan']);
    const result = await client.callTool({ name: 'detect-changes', arguments: addColumnPair('http') });
    expect(detectChangesOutput.parse(result.structuredContent).changes.map((c) => c.object)).toEqual(['public.t_http.note']);
    const bad = await client.callTool({ name: 'detect-changes', arguments: { from: 'CREATE TABEL x ();', to: 'CREATE TABLE x ();' } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/^SYNTAX_ERROR: <inline>:1:8/);
    expect((await client.callTool({ name: 'detect-changes', arguments: addColumnPair('http_after') })).isError).toBeFalsy();
    await client.close();
  });

  it('refuses a client without the right token', async () => {
    await expect(connect('')).rejects.toThrow(/401|Unauthorized/);
    await expect(connect('wrong-token')).rejects.toThrow();
    const missing = await raw({ headers: { Authorization: '' } });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body).error.message).toMatch(/Bearer/);
  });

  it('refuses requests from web pages on other origins and foreign Host headers (DNS rebinding)', async () => {
    expect((await raw({ headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await raw({ headers: { Origin: 'null' } })).status).toBe(403);
    expect((await raw({ headers: { Host: `evil.example:${server.port}` } })).status).toBe(403);
    const local = await raw({ headers: { Origin: `http://localhost:${server.port}` } });
    expect(local.status).toBe(200);
    expect(local.body).toContain('"serverInfo"');
  });

  it('refuses bodies over 10 MB with 413 and keeps serving', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    const refused = await raw({ body: big });
    expect(refused.status).toBe(413);
    expect((await raw({})).status).toBe(200);
  });

  it('refuses a streamed body once it passes the limit, without a declared length', async () => {
    const small = await startHttpServer({ port: 0, host: '127.0.0.1', maxBodyBytes: 1024, server: defaultServerOptions({ log: silentLogger }) });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: small.port, path: '/mcp', method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        expect(req.getHeader('content-length')).toBeUndefined();
        for (let i = 0; i < 64; i++) req.write(Buffer.alloc(1000, 0x20));
        req.end();
      });
      expect(status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('answers 400 for bad JSON or a missing session, 404 for an unknown session or path', async () => {
    expect((await raw({ body: '{not json' })).status).toBe(400);
    expect((await raw({ body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }) })).status).toBe(400);
    expect((await raw({ headers: { 'Mcp-Session-Id': 'no-such-session' }, body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }) })).status).toBe(404);
    expect((await raw({ path: '/other' })).status).toBe(404);
  });

  it('serves many clients at once, each in its own session, and forgets a session that ends', async () => {
    const before = server.sessionCount();
    const clients = await Promise.all([1, 2, 3, 4].map(() => connect()));
    expect(server.sessionCount()).toBe(before + 4);
    const results = await Promise.all(clients.map(({ client }, i) => client.callTool({ name: 'detect-changes', arguments: addColumnPair(`multi${i}`) })));
    results.forEach((result, i) => expect(detectChangesOutput.parse(result.structuredContent).changes[0]!.object).toBe(`public.t_multi${i}.note`));
    await Promise.all(clients.map(async ({ client, transport }) => {
      await transport.terminateSession();
      await client.close();
    }));
    expect(server.sessionCount()).toBe(before);
  });

  it('will not listen beyond this machine without a token', async () => {
    await expect(startHttpServer({ port: 0, host: '0.0.0.0', server: defaultServerOptions({ log: silentLogger }) })).rejects.toThrow(/without a token/);
  });
});
