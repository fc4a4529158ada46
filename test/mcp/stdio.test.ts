/** The built server over real stdio, as an MCP client starts it: `node dist/cli/main.js serve`. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, type ElicitRequest } from '@modelcontextprotocol/sdk/types.js';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectChangesOutput } from '../../src/ops/detect-changes.js';
import { addColumnPair, buildServer, connectStdio, RENAME_FROM, RENAME_TO, textOf, type StdioConnection } from './helpers.js';

let main: string;
let cleanup: () => void;
let conn: StdioConnection;

beforeAll(async () => {
  ({ main, cleanup } = await buildServer());
  conn = await connectStdio(main);
});

afterAll(async () => {
  await conn?.close();
  cleanup?.();
});

const call = (args: Record<string, unknown>) => conn.client.callTool({ name: 'detect-changes', arguments: args });

describe('serve over stdio: listing', () => {
  it('lists only the tools whose ops exist, with schemas and honest annotations', async () => {
    const { tools } = await conn.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['detect-changes', 'lint-migration', 'zero-downtime-plan']);
    const tool = tools[0]!;
    expect(tool.title).toBe('Detect schema changes');
    expect(tool.description).toMatch(/possibleRenames/);
    expect(tool.inputSchema.required).toEqual(['from', 'to']);
    expect(Object.keys(tool.outputSchema?.properties ?? {})).toEqual(['changes', 'possibleRenames', 'warnings', 'unsupported', 'summary', 'diagram']);
    expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true });
  });

  it('lists one prompt per usage and fills in its arguments', async () => {
    const { prompts } = await conn.client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['data-migration', 'describe-a-change', 'from-diff', 'rollback', 'zero-downtime']);
    const describeChange = prompts.find((p) => p.name === 'describe-a-change')!;
    expect(describeChange.arguments).toContainEqual(expect.objectContaining({ name: 'change', required: true }));
    const got = await conn.client.getPrompt({ name: 'describe-a-change', arguments: { change: 'Add user email verification', schema: 'db/schema.sql' } });
    const text = (got.messages[0]!.content as { text: string }).text;
    expect(text).toContain('**Add user email verification**');
    expect(text).toContain('The current schema is `db/schema.sql`.');
    expect(text).not.toContain('First find the current schema');
    expect(text).not.toMatch(/\{\{/);
    expect(text).toMatch(/detect-changes/);
  });

  it('refuses a prompt without its required argument and keeps serving', async () => {
    await expect(conn.client.getPrompt({ name: 'zero-downtime', arguments: {} })).rejects.toThrow(/change/);
    expect((await conn.client.listPrompts()).prompts.length).toBe(5);
  });

  it('serves the checklists and the skill as resources', async () => {
    const { resources } = await conn.client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toEqual(expect.arrayContaining(['migration-generator://checklists/pre-migration', 'migration-generator://checklists/post-migration', 'migration-generator://skill', 'migration-generator://skill/hazards']));
    const pre = resources.find((r) => r.uri === 'migration-generator://checklists/pre-migration')!;
    expect(pre.title).toBe('Pre-migration checklist');
    const read = await conn.client.readResource({ uri: pre.uri });
    expect(read.contents[0]).toMatchObject({ uri: pre.uri, mimeType: 'text/markdown' });
    expect((read.contents[0] as { text: string }).text).toMatch(/- \[ \] .*backup/i);
  });
});

describe('serve over stdio: detect-changes', () => {
  it('answers with structured content that matches the declared output schema, and Markdown', async () => {
    const result = await call({ from: RENAME_FROM, to: RENAME_TO });
    expect(result.isError).toBeFalsy();
    const out = detectChangesOutput.parse(result.structuredContent);
    expect(out.changes.map((c) => `${c.kind} ${c.object}`)).toEqual(['drop_column public.users.fullname', 'add_column public.users.full_name', 'add_column public.users.email']);
    expect(out.possibleRenames.map((r) => r.hint)).toEqual(['public.users.fullname=public.users.full_name']);
    const text = textOf(result);
    expect(text).toContain('**3 changes**');
    expect(text).toMatch(/\| error \| `DATA_LOSS` \| public\.users\.fullname \|/);
    expect(text).toContain('renames: ["public.users.fullname=public.users.full_name"]');
  });

  it('applies confirmed renames passed as arguments', async () => {
    const out = detectChangesOutput.parse((await call({ from: RENAME_FROM, to: RENAME_TO, renames: ['users.fullname=users.full_name'] })).structuredContent);
    expect(out.changes.map((c) => c.kind)).toEqual(['rename_column', 'add_column']);
    expect(out.summary.dataLoss).toBe(0);
  });

  it('turns bad SQL into an isError answer with file:line:col, then keeps serving', async () => {
    const bad = await call({ from: 'CREATE TABLE a (id int);\nCREATE TABEL b (id int);', to: 'CREATE TABLE a (id int);' });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/^SYNTAX_ERROR: <inline>:2:8: syntax error at or near "TABEL"/);
    const good = await call(addColumnPair('after_bad_sql'));
    expect(good.isError).toBeFalsy();
    expect(detectChangesOutput.parse(good.structuredContent).changes[0]!.object).toBe('public.t_after_bad_sql.note');
  });

  it('turns arguments that fail the input schema into an isError answer, then keeps serving', async () => {
    const bad = await call({ from: 42 });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/Invalid arguments for tool detect-changes/);
    const wrongDialect = await call({ ...addColumnPair('x'), dialect: 'oracle' });
    expect(wrongDialect.isError).toBe(true);
    expect((await call(addColumnPair('after_bad_args'))).isError).toBeFalsy();
  });

  it('reports a missing file, a dialect mismatch and an unknown tool without dying', async () => {
    const missing = await call({ from: 'no/such/schema.sql', to: 'CREATE TABLE a (id int);' });
    expect(textOf(missing)).toMatch(/^NOT_FOUND: no such file or folder: no\/such\/schema\.sql/);
    const mismatch = await call({ from: 'postgresql://app@127.0.0.1:1/app', to: 'CREATE TABLE a (id int);', dialect: 'mysql' });
    expect(textOf(mismatch)).toMatch(/^BAD_INPUT: postgresql:\/\/app@127\.0\.0\.1:1\/app is a postgres database and cannot be read as mysql/);
    const unknown = await conn.client.callTool({ name: 'generate-migration', arguments: {} });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/Tool generate-migration not found/);
    expect((await call(addColumnPair('after_errors'))).isError).toBeFalsy();
  });

  it('never shows a database password, in the answer or on stderr', async () => {
    const result = await call({ from: 'postgresql://admin:s3cret-pw@127.0.0.1:1/app', to: 'CREATE TABLE a (id int);' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^CONNECTION_FAILED: .*postgresql:\/\/admin:\*\*\*@127\.0\.0\.1:1\/app/);
    expect(textOf(result)).not.toContain('s3cret-pw');
    expect(conn.stderr()).not.toContain('s3cret-pw');
  });

  it('sends progress notifications when the client asks for them', async () => {
    const seen: { progress: number; total?: number; message?: string }[] = [];
    const result = await conn.client.callTool({ name: 'detect-changes', arguments: addColumnPair('progress') }, undefined, { onprogress: (p) => seen.push(p) });
    expect(result.isError).toBeFalsy();
    expect(seen.map((p) => p.progress)).toEqual([0]);
    expect(seen[0]).toMatchObject({ total: 2, message: 'loading and comparing the schemas' });
  });

  it('lets a client cancel a call and keeps serving', async () => {
    const controller = new AbortController();
    const pending = conn.client.callTool({ name: 'detect-changes', arguments: addColumnPair('cancelled') }, undefined, { signal: controller.signal });
    controller.abort('changed my mind');
    await expect(pending).rejects.toThrow();
    expect((await call(addColumnPair('after_cancel'))).isError).toBeFalsy();
  });

  it('answers a hundred concurrent calls on one connection, each with its own result', async () => {
    const started = Date.now();
    const tags = Array.from({ length: 100 }, (_, i) => `c${i}`);
    const results = await Promise.all(tags.map((tag) => call(addColumnPair(tag))));
    const elapsed = Date.now() - started;
    results.forEach((result, i) => {
      expect(result.isError).toBeFalsy();
      const out = detectChangesOutput.parse(result.structuredContent);
      expect(out.changes.map((c) => c.object)).toEqual([`public.t_${tags[i]}.note`]);
    });
    // Loads share one embedded PostgreSQL and run one at a time: about 0.1 s a call on two cores.
    expect(elapsed).toBeLessThan(50_000);
  });
});

describe('serve over stdio: elicitation of possible renames', () => {
  async function withAnswer(answer: (request: ElicitRequest) => { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, string> }) {
    const asked: ElicitRequest[] = [];
    const elicitor = await connectStdio(main, { elicitation: { form: {} } });
    elicitor.client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request);
      return answer(request);
    });
    try {
      const result = await elicitor.client.callTool({ name: 'detect-changes', arguments: { from: RENAME_FROM, to: RENAME_TO } });
      return { asked, out: detectChangesOutput.parse(result.structuredContent), text: textOf(result) };
    } finally {
      await elicitor.close();
    }
  }

  it('asks about each possible rename and compares again with the confirmed ones', async () => {
    const { asked, out } = await withAnswer(() => ({ action: 'accept', content: { answer: 'rename' } }));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.params.message).toMatch(/^Was column public\.users\.fullname renamed to public\.users\.full_name\?/);
    expect(out.changes.map((c) => c.kind)).toEqual(['rename_column', 'add_column']);
    expect(out.possibleRenames).toEqual([]);
    expect(out.warnings.map((w) => w.code)).toEqual([]);
  });

  it('keeps a confirmed drop and add as data loss, no longer as a question', async () => {
    const { out } = await withAnswer(() => ({ action: 'accept', content: { answer: 'drop-and-add' } }));
    expect(out.changes.map((c) => c.kind)).toEqual(['drop_column', 'add_column', 'add_column']);
    expect(out.possibleRenames).toEqual([]);
    expect(out.warnings.map((w) => w.code)).toEqual(['DATA_LOSS']);
  });

  it('reports the possible rename unchanged when the person declines to answer', async () => {
    const { asked, out } = await withAnswer(() => ({ action: 'decline' }));
    expect(asked).toHaveLength(1);
    expect(out.possibleRenames.map((r) => r.hint)).toEqual(['public.users.fullname=public.users.full_name']);
    expect(out.warnings.map((w) => w.code)).toEqual(['DATA_LOSS', 'POSSIBLE_RENAME']);
  });

  it('does not ask a client that did not declare elicitation', async () => {
    const out = detectChangesOutput.parse((await call({ from: RENAME_FROM, to: RENAME_TO })).structuredContent);
    expect(out.possibleRenames).toHaveLength(1);
  });
});

describe('serve --http from the command line', () => {
  it('listens on loopback, takes its token from the environment, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [main, 'serve', '--http', '--port', '0'], { env: { PATH: process.env.PATH ?? '', MIGRATION_GENERATOR_TOKEN: 'env-token' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const url = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        const match = /serving Streamable HTTP at (http:\/\/127\.0\.0\.1:\d+\/mcp) \(bearer token required\)/.exec(stderr);
        if (match) resolve(match[1]!);
      });
      child.once('exit', () => reject(new Error(`server exited: ${stderr}`)));
    });
    const client = new Client({ name: 'cli-http-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: 'Bearer env-token' } } }));
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['detect-changes', 'lint-migration', 'zero-downtime-plan']);
    await client.close();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toBe('');
  });

  it('exits 2 on a bad port', async () => {
    const child = spawn(process.execPath, [main, 'serve', '--http', '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port must be a number/);
  });
});
