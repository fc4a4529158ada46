/**
 * Every MCP tool, over a real client/server pair in process, fed hostile text: each answer is a result
 * or a coded error, never a crash, an internal error, a rejected call or a call over its time limit.
 * The tools are taken from the server's own list, so a tool added later is fuzzed without a change here.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, defaultServerOptions } from '../../src/mcp/server.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';
import { textOf } from '../mcp/helpers.js';
import { CODED_ERROR, HOSTILE_NAMES, hostileSql, SEED, tenMegabyteInputs } from './inputs.js';

/** Bounded: this many generated inputs per tool (each call is a few to a few hundred milliseconds). */
const RUNS_PER_TOOL = 120;
/** Fields filled with hostile text even when optional: the ones that carry SQL. */
const SQL_FIELDS = new Set(['sql', 'from', 'to', 'up', 'down']);
const DIALECTS = ['postgres', 'mysql', 'sqlite'] as const;

let client: Client;
let tools: Tool[];
const logged: string[] = [];
const savedLimit = process.env.MIGRATION_GENERATOR_CALL_TIMEOUT_MS;

beforeAll(async () => {
  process.env.MIGRATION_GENERATOR_CALL_TIMEOUT_MS = '60000';
  const server = createServer(defaultServerOptions({ log: (line) => logged.push(line) }));
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'fuzz', version: '1' });
  await client.connect(clientSide);
  tools = (await client.listTools()).tools;
});

afterAll(async () => {
  if (savedLimit === undefined) delete process.env.MIGRATION_GENERATOR_CALL_TIMEOUT_MS;
  else process.env.MIGRATION_GENERATOR_CALL_TIMEOUT_MS = savedLimit;
  await client?.close();
  await closeScratchPool();
});

interface Generated {
  readonly texts: readonly string[];
  readonly dialect: (typeof DIALECTS)[number];
}

/** Hostile text in every required string (or string list) and every SQL-carrying field; the rest left out. */
export function argumentsFor(tool: Tool, { texts, dialect }: Generated): Record<string, unknown> {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, { type?: string; items?: { type?: string }; enum?: unknown[] }>;
  const required = new Set(tool.inputSchema.required ?? []);
  const args: Record<string, unknown> = {};
  let next = 0;
  const text = () => texts[next++ % texts.length] as string;
  for (const [key, schema] of Object.entries(properties)) {
    if (key === 'dialect' && schema.enum?.includes(dialect)) args[key] = dialect;
    if (!required.has(key) && !SQL_FIELDS.has(key)) continue;
    if (schema.type === 'string') args[key] = text();
    else if (schema.type === 'array' && schema.items?.type === 'string') args[key] = [text()];
  }
  return args;
}

async function expectCodedAnswer(tool: string, args: Record<string, unknown>): Promise<'ok' | 'error'> {
  const result = await client.callTool({ name: tool, arguments: args });
  if (!result.isError) {
    expect(result.structuredContent, `${tool} answered without structured content`).toBeDefined();
    return 'ok';
  }
  const text = textOf(result);
  expect(text, `${tool} ${JSON.stringify(args).slice(0, 300)}`).toMatch(CODED_ERROR);
  expect(text).not.toMatch(/^TIMEOUT/);
  expect(text.length, 'an error is a readable line, not an echo of the input').toBeLessThan(10_000);
  return 'error';
}

const tally = { calls: 0, ok: 0, error: 0 };

describe('fuzzing every MCP tool', () => {
  it('lists the tools to fuzz', () => {
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['detect-changes', 'lint-migration']));
  });

  it('answers generated hostile input with a result or a coded error', async () => {
    for (const tool of tools) {
      await fc.assert(
        fc.asyncProperty(fc.record({ texts: fc.array(hostileSql, { minLength: 2, maxLength: 2 }), dialect: fc.constantFrom(...DIALECTS) }), async (generated) => {
          const outcome = await expectCodedAnswer(tool.name, argumentsFor(tool, generated));
          tally.calls++;
          tally[outcome]++;
        }),
        { seed: SEED, numRuns: RUNS_PER_TOOL, endOnFailure: true },
      );
    }
    expect(logged.filter((line) => /internal error/i.test(line))).toEqual([]);
    console.log(`fuzz (MCP): ${tally.calls} calls over ${tools.length} tools, ${tally.ok} results, ${tally.error} coded errors`);
  }, 600_000);

  it('answers 10 MB inputs in every field without crashing', async () => {
    for (const tool of tools) {
      for (const { label, text } of tenMegabyteInputs()) {
        const outcome = await expectCodedAnswer(tool.name, argumentsFor(tool, { texts: [text, 'CREATE TABLE small (id int);'], dialect: 'postgres' }));
        expect(outcome, `${tool.name}: ${label}`).toMatch(/ok|error/);
      }
    }
  }, 600_000);

  it('never puts a stack trace or an internal error in an answer for hostile names', async () => {
    for (const tool of tools) {
      for (const name of HOSTILE_NAMES) {
        const quoted = `"${name.replace(/"/g, '""')}"`;
        await expectCodedAnswer(tool.name, argumentsFor(tool, { texts: [`CREATE TABLE ${quoted} (id int);`, `CREATE TABLE ${quoted} (id int, ${quoted} text);`], dialect: 'postgres' }));
      }
    }
  }, 300_000);
});
