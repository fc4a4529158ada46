/** The tool plumbing with stand-in tools, in process: errors, progress, cancellation, output checks. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserError } from '../../src/core/errors.js';
import { createServer } from '../../src/mcp/server.js';
import { defineTool, throwIfCancelled, type ToolDefinition } from '../../src/mcp/tool.js';
import { textOf } from './helpers.js';

const echoOutput = z.object({ said: z.string(), count: z.number() });

const echo = defineTool({
  name: 'echo',
  title: 'Echo',
  description: 'Says it back.',
  input: z.object({ text: z.string(), mode: z.enum(['ok', 'user-error', 'bug', 'bad-output', 'slow']).default('ok') }),
  output: echoOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, openWorldHint: false },
  async handler({ text, mode }, context) {
    await context.onProgress({ progress: 1, total: 2, message: 'halfway' });
    // The SDK client handles notifications a microtask late; one sent just before the result can lose the race.
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (mode === 'user-error') throw new UserError('BAD_INPUT', `cannot echo ${text} to postgres://me:hunter2@db/x`, { location: { file: 'in.sql', line: 3, column: 7 }, hint: 'try again' });
    if (mode === 'bug') throw new TypeError('undefined is not a function');
    if (mode === 'bad-output') return { said: text } as unknown as z.output<typeof echoOutput>;
    if (mode === 'slow') {
      await new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve(), { once: true }));
      cancelled.push(text);
      throwIfCancelled(context.signal, 'echo');
    }
    return { said: text, count: text.length };
  },
  markdown: (out) => `said **${out.said}**`,
});

const cancelled: string[] = [];
let logged: string[] = [];
let client: Client | undefined;

async function connect(tools: readonly ToolDefinition[] = [echo]): Promise<Client> {
  logged = [];
  const server = createServer({ tools, prompts: [], resources: [], log: (line) => logged.push(line) });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'tool-test', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

afterEach(async () => {
  await client?.close();
});

describe('registerTools', () => {
  it("returns structured content and the tool's Markdown", async () => {
    const c = await connect();
    const result = await c.callTool({ name: 'echo', arguments: { text: 'hello' } });
    expect(result.structuredContent).toEqual({ said: 'hello', count: 5 });
    expect(textOf(result)).toBe('said **hello**');
    expect((await c.listTools()).tools[0]!.annotations).toEqual({ title: 'Echo', readOnlyHint: true, destructiveHint: false, openWorldHint: false });
  });

  it('answers a user error with its code, location and hint, secrets scrubbed, and logs nothing', async () => {
    const c = await connect();
    const result = await c.callTool({ name: 'echo', arguments: { text: 'x', mode: 'user-error' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('BAD_INPUT: in.sql:3:7: cannot echo x to postgres://me:***@db/x (try again)');
    expect(logged).toEqual([]);
  });

  it('answers a bug as an internal error and logs its stack to the server log', async () => {
    const c = await connect();
    const result = await c.callTool({ name: 'echo', arguments: { text: 'x', mode: 'bug' } });
    expect(textOf(result)).toMatch(/^INTERNAL_ERROR: echo failed: undefined is not a function \(this is a bug/);
    expect(logged.join('\n')).toMatch(/TypeError: undefined is not a function\n\s+at /);
    expect((await c.callTool({ name: 'echo', arguments: { text: 'still here' } })).isError).toBeFalsy();
  });

  it('does not send output that breaks the declared output schema', async () => {
    const c = await connect();
    const result = await c.callTool({ name: 'echo', arguments: { text: 'x', mode: 'bad-output' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Output validation error/);
  });

  it('forwards progress only to a client that asked for it', async () => {
    const c = await connect();
    const seen: number[] = [];
    await c.callTool({ name: 'echo', arguments: { text: 'p' } }, undefined, { onprogress: (p) => seen.push(p.progress) });
    expect(seen).toEqual([1]);
  });

  it("aborts the handler's signal when the client cancels", async () => {
    const c = await connect();
    const controller = new AbortController();
    const pending = c.callTool({ name: 'echo', arguments: { text: 'to-cancel', mode: 'slow' } }, undefined, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => cancelled).toContain('to-cancel');
  });

  it('registers exactly the tools it is given', async () => {
    const c = await connect([echo, { ...echo, name: 'echo-two', title: 'Echo two' }]);
    expect((await c.listTools()).tools.map((t) => t.name)).toEqual(['echo', 'echo-two']);
  });
});
