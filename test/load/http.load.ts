/**
 * Load on loopback: 1,000 tool calls from 20 concurrent Streamable HTTP clients, each answer checked,
 * then memory after warm-up compared with memory after the load (both after a full collection).
 * Run with `npm run test:load`; the figures are printed and written to .tmp/load-figures.json.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../../src/mcp/http.js';
import { silentLogger } from '../../src/mcp/log.js';
import { defaultServerOptions } from '../../src/mcp/server.js';
import { detectChangesOutput } from '../../src/ops/detect-changes.js';
import { lintMigrationOutputSchema } from '../../src/ops/lint-migration.js';
import { addColumnPair, ROOT } from '../mcp/helpers.js';

const CLIENTS = 20;
const CALLS_PER_CLIENT = 50;
const WARM_UP_CALLS = 100;
/** Heap growth allowed between "after warm-up" and "after the load", both measured after a full GC. */
const HEAP_GROWTH_BOUND_MB = 40;
const TOKEN = 'load-test-token';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let server: RunningHttpServer;
beforeAll(async () => {
  server = await startHttpServer({ port: 0, host: '127.0.0.1', token: TOKEN, server: defaultServerOptions({ log: silentLogger }) });
});
afterAll(async () => server?.close());

async function connect(name: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } });
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

/** One call, its answer checked against what this exact input must give. Every fifth call goes through the embedded database. */
async function checkedCall(client: Client, tag: string, n: number): Promise<void> {
  if (n % 5 === 0) {
    const result = await client.callTool({ name: 'detect-changes', arguments: addColumnPair(tag) });
    expect(result.isError, JSON.stringify(result)).toBeFalsy();
    expect(detectChangesOutput.parse(result.structuredContent).changes.map((c) => c.object)).toEqual([`public.t_${tag}.note`]);
  } else {
    const result = await client.callTool({ name: 'lint-migration', arguments: { sql: `CREATE INDEX i_${tag} ON t_${tag} (c${n});` } });
    expect(result.isError, JSON.stringify(result)).toBeFalsy();
    const findings = lintMigrationOutputSchema.parse(result.structuredContent).findings;
    expect(findings.map((f) => f.rule)).toContain('require-concurrent-index-creation');
    expect(findings.every((f) => f.statement.includes(`i_${tag}`))).toBe(true);
  }
}

function memory(): { heapMb: number; rssMb: number } {
  for (let i = 0; i < 3; i++) gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMb: Math.round(heapUsed / 1048576), rssMb: Math.round(rss / 1048576) };
}

describe('Streamable HTTP under load', () => {
  it(`serves ${CLIENTS * CALLS_PER_CLIENT} calls from ${CLIENTS} concurrent clients, all correct, memory flat`, async () => {
    const warm = await connect('warm-up');
    for (let n = 0; n < WARM_UP_CALLS; n++) await checkedCall(warm.client, `warm${n}`, n);
    await warm.transport.terminateSession();
    await warm.client.close();
    const before = memory();
    const sessionsBefore = server.sessionCount();

    const started = performance.now();
    let answered = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const { client, transport } = await connect(`load-${c}`);
        for (let n = 0; n < CALLS_PER_CLIENT; n++) {
          await checkedCall(client, `c${c}_n${n}`, n + c).catch((error: unknown) => {
            throw new Error(`client ${c}, call ${n} (${answered} answered so far, ${Math.round(performance.now() - started)} ms in): ${String(error)}`, { cause: error });
          });
          answered++;
        }
        await transport.terminateSession();
        await client.close();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const after = memory();

    expect(answered).toBe(CLIENTS * CALLS_PER_CLIENT);
    expect(server.sessionCount()).toBe(sessionsBefore);
    const figures = {
      clients: CLIENTS,
      calls: answered,
      seconds: Math.round(seconds * 10) / 10,
      callsPerSecond: Math.round(answered / seconds),
      heapMbAfterWarmUp: before.heapMb,
      heapMbAfterLoad: after.heapMb,
      rssMbAfterWarmUp: before.rssMb,
      rssMbAfterLoad: after.rssMb,
    };
    console.log(`load: ${JSON.stringify(figures)}`);
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    writeFileSync(join(ROOT, '.tmp', 'load-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
    expect(after.heapMb - before.heapMb, 'heap growth after the load (MB)').toBeLessThan(HEAP_GROWTH_BOUND_MB);
  });
});
