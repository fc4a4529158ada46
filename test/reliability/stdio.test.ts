/** The built server over real stdio: an oversized message is answered with an error, and the server keeps serving. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, connectStdio, textOf, type StdioConnection } from '../mcp/helpers.js';

let build: { main: string; cleanup: () => void };
let connection: StdioConnection;

beforeAll(async () => {
  build = await buildServer();
  connection = await connectStdio(build.main, {}, { MIGRATION_GENERATOR_MAX_MESSAGE_BYTES: '100000', MIGRATION_GENERATOR_CALL_TIMEOUT_MS: '60000' });
}, 180_000);

afterAll(async () => {
  await connection?.close();
  build?.cleanup();
});

describe('stdio limits', () => {
  it('answers a message over the limit with a JSON-RPC error and serves the next call', async () => {
    const { client } = connection;
    await expect(client.callTool({ name: 'lint-migration', arguments: { sql: `SELECT '${'x'.repeat(200_000)}';` } })).rejects.toThrow(/Request too large: \d+ bytes, the limit is 100000 bytes/);
    const next = await client.callTool({ name: 'lint-migration', arguments: { sql: 'DROP TABLE t;' } });
    expect(next.isError).toBeFalsy();
    expect(textOf(next)).toMatch(/ban-drop-table/);
    expect(connection.stderr()).toMatch(/dropped a \d+-byte message/);
  });

  it('answers hostile input over stdio with coded errors', async () => {
    const { client } = connection;
    for (const sql of ['\0', 'CREATE TABLE (', `SELECT ${'('.repeat(5000)}`, '\uD800\uDFFF\uFFFE']) {
      const result = await client.callTool({ name: 'detect-changes', arguments: { from: sql, to: 'CREATE TABLE a (id int);' } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^(SYNTAX_ERROR|NOT_FOUND|BAD_INPUT|SQL_ERROR): /);
    }
  });
});
