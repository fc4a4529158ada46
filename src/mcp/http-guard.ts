/**
 * Checks an HTTP request must pass before it reaches MCP: the Host and Origin headers (a web page
 * must not reach a local server through DNS rebinding) and the bearer token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase());
}

export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

export interface Rejection {
  readonly status: number;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GuardOptions {
  /** The address the server is bound to. */
  readonly host: string;
  readonly token?: string;
}

export function checkRequest(req: IncomingMessage, options: GuardOptions): Rejection | undefined {
  const host = hostnameOf(req.headers.host);
  if (!isWildcard(options.host) && (host === undefined || !(isLoopback(host) || host === options.host.toLowerCase()))) {
    return { status: 403, message: `Forbidden: Host header ${req.headers.host ?? '(none)'} is not this server` };
  }
  const origin = req.headers.origin;
  // Programs send no Origin; browsers always do, and only a page served from this machine may call.
  if (origin !== undefined && !originAllowed(origin, options.host)) {
    return { status: 403, message: `Forbidden: requests from origin ${origin} are not allowed` };
  }
  if (options.token !== undefined && !tokenMatches(req.headers.authorization, options.token)) {
    return { status: 401, message: 'Unauthorized: send Authorization: Bearer <token>', headers: { 'WWW-Authenticate': 'Bearer realm="migration-generator"' } };
  }
  return undefined;
}

function originAllowed(origin: string, boundHost: string): boolean {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    return isLoopback(url.hostname) || (!isWildcard(boundHost) && url.hostname === boundHost.toLowerCase());
  } catch {
    return false;
  }
}

function hostnameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return new URL(`http://${header}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Compares digests so the time taken says nothing about the token's length or prefix. */
function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest((match[1] as string).trim()), digest(token));
}
