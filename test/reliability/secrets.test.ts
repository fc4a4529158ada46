/**
 * A password in a database URL never comes back: not on stderr, not in --json output, not in an MCP
 * answer, not in the server's log, whichever way the connection fails.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, defaultServerOptions } from '../../src/mcp/server.js';
import { textOf } from '../mcp/helpers.js';
import { runCli } from './cli.js';

const SECRET = 'Pa55-w0rd_SECRET';
const PORT = new URL(process.env.PG_TEST_URL ?? 'postgresql://postgres@127.0.0.1:5432/test').port || '5432';

/** Every way a URL can fail: no such host, nothing listening, no such database or role, and typos. */
const URLS: Readonly<Record<string, string>> = {
  'bad host': `postgresql://postgres:${SECRET}@no-such-host.invalid:5432/test`,
  'closed port': `postgresql://postgres:${SECRET}@127.0.0.1:1/test`,
  'bad database': `postgresql://postgres:${SECRET}@127.0.0.1:${PORT}/no_such_db_mg`,
  'auth failure (no such role)': `postgresql://no_such_role_mg:${SECRET}@127.0.0.1:${PORT}/test`,
  'typo: no //': `postgres:postgres:${SECRET}@127.0.0.1:${PORT}/test`,
  'typo: no colon': `postgresql//postgres:${SECRET}@127.0.0.1:${PORT}/test`,
  'typo: scheme misspelt': `postgress://postgres:${SECRET}@127.0.0.1:${PORT}/test`,
  'password in the query': `postgresql://postgres@127.0.0.1:1/test?password=${SECRET}`,
  'mysql bad host': `mysql://root:${SECRET}@no-such-host.invalid:3306/test`,
};

let dir: string;
let up: string;
let down: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mg-secrets-'));
  up = join(dir, 'up.sql');
  down = join(dir, 'down.sql');
  writeFileSync(up, 'CREATE TABLE b (id int);');
  writeFileSync(down, 'DROP TABLE b;');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TO = 'CREATE TABLE a (id int);';

describe('passwords in URLs', () => {
  it.each(Object.entries(URLS))('never appear in CLI output: %s', async (_label, url) => {
    const dialect = url.startsWith('mysql') ? 'mysql' : 'postgres';
    const runs = [
      ['detect-changes', '--from', url, '--to', TO, '--dialect', dialect],
      ['detect-changes', '--from', url, '--to', TO, '--dialect', dialect, '--json'],
      ['generate-migration', '--from', TO, '--to', url, '--dialect', dialect, '--json'],
      ['generate-migration', '--from', TO, '--to', 'CREATE TABLE a (id int, b text);', '--validate', '--scratch-url', url],
      ['validate-migration', '--from', TO, '--up', up, '--down', down, '--database-url', url],
      ['validate-migration', '--from', url, '--up', up, '--down', down, '--json'],
    ];
    for (const argv of runs) {
      const ran = await runCli(argv);
      // (pg reads a misspelt scheme leniently, so a scratch URL with one may even work.)
      expect([0, 1, 2], ran.stderr).toContain(ran.code);
      expect(`${ran.stdout}\n${ran.stderr}`, argv.join(' ')).not.toContain(SECRET);
    }
  }, 120_000);

  describe('over MCP', () => {
    const logged: string[] = [];
    let client: Client;
    beforeAll(async () => {
      const server = createServer(defaultServerOptions({ log: (line) => logged.push(line) }));
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await server.connect(serverSide);
      client = new Client({ name: 'secrets', version: '1' });
      await client.connect(clientSide);
    });
    afterAll(async () => client?.close());

    it.each(Object.entries(URLS))('never appear in answers or logs: %s', async (_label, url) => {
      const { tools } = await client.listTools();
      for (const tool of tools) {
        const properties = Object.keys(tool.inputSchema.properties ?? {});
        const args: Record<string, unknown> = {};
        // Every field that may hold a URL gets this one; the rest get small valid SQL or the migration files.
        for (const key of properties) {
          if (/^(from|to)$/.test(key)) args[key] = key === 'from' ? url : TO;
          if (/url$/i.test(key)) args[key] = url;
          if (key === 'up') args[key] = up;
          if (key === 'down') args[key] = down;
          if (key === 'sql') args[key] = url;
        }
        if (properties.includes('dialect')) args.dialect = url.startsWith('mysql') ? 'mysql' : 'postgres';
        const result = await client.callTool({ name: tool.name, arguments: args });
        expect(JSON.stringify(result), tool.name).not.toContain(SECRET);
        expect(textOf(result)).not.toMatch(/INTERNAL_ERROR/);
      }
      expect(logged.join('\n')).not.toContain(SECRET);
    }, 120_000);
  });
});
