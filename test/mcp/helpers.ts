/** Shared by the MCP tests: a build of the server to spawn, clients, and small schemas. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Compiles src/ with the build config into a private folder under .tmp/ (inside the package, so the
 * server finds prompts/ and skill/ the way it does from dist/). Private, so test files running in
 * parallel never overwrite each other's build or a developer's dist/.
 */
export async function buildServer(): Promise<{ main: string; cleanup: () => void }> {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const outDir = mkdtempSync(join(ROOT, '.tmp', 'mcp-build-'));
  await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], { cwd: ROOT });
  return { main: join(outDir, 'cli', 'main.js'), cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

export interface StdioConnection {
  readonly client: Client;
  readonly stderr: () => string;
  close(): Promise<void>;
}

export async function connectStdio(main: string, capabilities: ClientCapabilities = {}, env: Record<string, string> = {}): Promise<StdioConnection> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [main, 'serve'], cwd: ROOT, stderr: 'pipe', env: { PATH: process.env.PATH ?? '', ...env } });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'mcp-test', version: '1.0.0' }, { capabilities });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** Two small schemas whose difference is one added column, named after `tag` so answers can be told apart. */
export function addColumnPair(tag: string): { from: string; to: string } {
  return { from: `CREATE TABLE t_${tag} (id int PRIMARY KEY);`, to: `CREATE TABLE t_${tag} (id int PRIMARY KEY, note text);` };
}

export const RENAME_FROM = 'CREATE TABLE users (id int PRIMARY KEY, fullname text NOT NULL, age int);';
export const RENAME_TO = 'CREATE TABLE users (id int PRIMARY KEY, full_name text NOT NULL, age int, email text);';

/** The text content of a tool result (typed loosely: callTool's result type is a union with task results). */
export function textOf(result: unknown): string {
  const content = ((result as { content?: unknown }).content ?? []) as { type: string; text?: string }[];
  return content.filter((c) => c.type === 'text').map((c) => c.text ?? '').join('\n');
}

/** The tools the server must list, in order: one line per tool as each op lands. */
export const TOOL_NAMES = ['detect-changes', 'generate-migration', 'lint-migration', 'rollback', 'validate-migration', 'zero-downtime-plan'];

/**
 * For every tool the server lists: arguments that must succeed and arguments that must be refused
 * with isError. A tool listed without an entry here fails the stdio test that calls them all.
 */
export const TOOL_CALLS: Record<string, { good: Record<string, unknown>; bad: Record<string, unknown> }> = {
  'detect-changes': { good: addColumnPair('every_tool'), bad: { from: 'CREATE TABEL x (', to: 'CREATE TABLE x (id int);' } },
  'generate-migration': { good: addColumnPair('every_tool'), bad: { ...addColumnPair('every_tool'), format: 'no-such-format' } },
  'lint-migration': { good: { sql: "SET lock_timeout = '2s';\nALTER TABLE t ADD COLUMN c text;" }, bad: { sql: 'ALTER TABEL t;' } },
  rollback: {
    good: { sql: 'ALTER TABLE t ADD COLUMN c text;', from: 'CREATE TABLE t (id int PRIMARY KEY);' },
    bad: { sql: 'DROP TABLE t;', from: 'CREATE TABLE other (id int);' },
  },
  'zero-downtime-plan': {
    good: { from: 'CREATE TABLE t (id int PRIMARY KEY, a text);', to: 'CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL);' },
    bad: { from: 'CREATE TABLE t (id int PRIMARY KEY);', to: 'CREATE TABEL t (;' },
  },
  'validate-migration': {
    good: { ...addColumnPair('every_tool'), up: 'ALTER TABLE t_every_tool ADD COLUMN note text;', down: 'ALTER TABLE t_every_tool DROP COLUMN note;' },
    bad: { from: 'CREATE TABLE a (id int);', up: 'no-such-up.sql', down: 'no-such-down.sql' },
  },
};
