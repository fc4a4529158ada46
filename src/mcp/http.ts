/**
 * `migration-generator serve --http`: Streamable HTTP at /mcp, many clients at once, each with its
 * own session (and its own McpServer, so elicitation and progress reach the right client). Bound
 * to 127.0.0.1 unless told otherwise; Host/Origin checked, optional bearer token, bounded bodies.
 */
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeScratchPool } from '../validate/scratch-postgres.js';
import { checkRequest, isLoopback, type Rejection } from './http-guard.js';
import { createServer, type ServerOptions } from './server.js';

export const MCP_PATH = '/mcp';
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const KEEP_ALIVE_MS = 65_000;

export interface HttpOptions {
  readonly port: number;
  readonly host: string;
  readonly token?: string;
  readonly maxBodyBytes?: number;
  readonly server: ServerOptions;
}

export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  /** Open sessions right now (for tests and logs). */
  sessionCount(): number;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpOptions): Promise<RunningHttpServer> {
  if (!isLoopback(options.host) && options.token === undefined) {
    throw new Error(`refusing to listen on ${options.host} without a token: other machines could reach it; pass --token or set MIGRATION_GENERATOR_TOKEN`);
  }
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const log = options.server.log;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, options, sessions).catch((error: unknown) => {
      log(`HTTP request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) reject(res, { status: 500, message: 'Internal server error' });
      else res.end();
    });
  };
  const http = createHttpServer(handler);
  // Clients keep connections open between calls. With Node's 5 s default, a call that reuses one just as
  // the server closes it is reset; that gets likely when a long call keeps the event loop busy.
  http.keepAliveTimeout = KEEP_ALIVE_MS;
  http.headersTimeout = KEEP_ALIVE_MS + 5_000;
  await new Promise<void>((resolve, fail) => {
    http.once('error', fail);
    http.listen(options.port, options.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${shownHost}:${port}${MCP_PATH}`;
  log(`serving Streamable HTTP at ${url}${options.token ? ' (bearer token required)' : ''}`);
  return {
    url,
    port,
    sessionCount: () => sessions.size,
    close: async () => {
      await Promise.all([...sessions.values()].map((transport) => transport.close().catch(() => undefined)));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await closeScratchPool();
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HttpOptions, sessions: Map<string, StreamableHTTPServerTransport>): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path !== MCP_PATH) return reject(res, { status: 404, message: `Not found: the MCP endpoint is ${MCP_PATH}` });
  const refused = checkRequest(req, options);
  if (refused) return reject(res, refused);

  const sessionId = req.headers['mcp-session-id'];
  const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
  if (req.method !== 'POST') {
    // GET opens a session's notification stream, DELETE ends a session: both need a known session.
    if (!existing) return reject(res, { status: sessionId ? 404 : 400, message: sessionId ? 'Session not found' : 'Bad request: no session id' });
    return existing.handleRequest(req, res);
  }
  const body = await readJsonBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  if ('status' in body) return reject(res, body);
  if (existing) return existing.handleRequest(req, res, body.json);
  if (sessionId) return reject(res, { status: 404, message: 'Session not found' });
  if (!isInitializeRequest(body.json)) return reject(res, { status: 400, message: 'Bad request: no session id, and this is not an initialize request' });
  const transport = openSession(options.server, sessions);
  await createServer(options.server).connect(transport);
  await transport.handleRequest(req, res, body.json);
}

function openSession(serverOptions: ServerOptions, sessions: Map<string, StreamableHTTPServerTransport>): StreamableHTTPServerTransport {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      sessions.set(id, transport);
    },
  });
  transport.onclose = () => {
    if (transport.sessionId) sessions.delete(transport.sessionId);
  };
  transport.onerror = (error) => serverOptions.log(`session ${transport.sessionId ?? '(new)'}: ${error.message}`);
  return transport;
}

/** Reads at most `limit` bytes; a larger body is refused with 413 without buffering it. */
async function readJsonBody(req: IncomingMessage, limit: number): Promise<{ json: unknown } | Rejection> {
  const tooLarge: Rejection = { status: 413, message: `Payload too large: the limit is ${limit} bytes`, headers: { Connection: 'close' } };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return tooLarge;
  const body = await readAtMost(req, limit);
  if (body === undefined) return tooLarge;
  try {
    return { json: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { status: 400, message: 'Parse error: the body is not JSON' };
  }
}

/**
 * Undefined once the body passes `limit`. The rest is read and dropped rather than the socket cut,
 * so the client still receives the 413 (Connection: close then ends the socket).
 */
function readAtMost(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reject(res: ServerResponse, rejection: Rejection): void {
  const code = rejection.status === 400 && rejection.message.startsWith('Parse error') ? -32700 : -32000;
  res.writeHead(rejection.status, { 'Content-Type': 'application/json', ...rejection.headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message: rejection.message }, id: null }));
}
