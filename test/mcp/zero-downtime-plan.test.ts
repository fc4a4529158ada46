/** zero-downtime-plan through the real server, in process. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/mcp/log.js';
import { createServer, defaultServerOptions } from '../../src/mcp/server.js';
import { zeroDowntimePlanOutput } from '../../src/ops/zero-downtime-plan.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';
import { textOf } from './helpers.js';

let client: Client;

beforeAll(async () => {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createServer(defaultServerOptions({ log: silentLogger })).connect(serverSide);
  client = new Client({ name: 'zdt-test', version: '1.0.0' });
  await client.connect(clientSide);
});

afterAll(async () => {
  await client.close();
  await closeScratchPool();
});

describe('zero-downtime-plan tool', () => {
  it('answers with phases, the rollout and Markdown; errors are isError answers', async () => {
    const result = await client.callTool({
      name: 'zero-downtime-plan',
      arguments: { from: 'CREATE TABLE t (id bigint PRIMARY KEY, n integer);', to: 'CREATE TABLE t (id bigint PRIMARY KEY, n bigint NOT NULL);' },
    });
    expect(result.isError).toBeFalsy();
    const output = zeroDowntimePlanOutput.parse(result.structuredContent);
    expect(output.phases.map((p) => p.id)).toEqual(['expand', 'backfill', 'validate', 'contract']);
    expect(output.phases.every((p) => p.lint.errors === 0)).toBe(true);
    expect(textOf(result)).toContain('**4 phases**');
    expect(textOf(result)).toContain('deploy code that works with public.t.n as bigint as well as integer');
    const bad = await client.callTool({ name: 'zero-downtime-plan', arguments: { from: 'CREATE TABEL x ();', to: 'CREATE TABLE x ();' } });
    expect(bad.isError).toBe(true);
  });
});
