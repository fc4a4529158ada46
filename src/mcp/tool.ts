/**
 * A tool is declared as data (name, title, a description written for a model, zod schemas, honest
 * annotations) plus a small handler over an op. `registerTools` adds the plumbing every tool needs:
 * progress, cancellation, elicitation, the Markdown text next to the structured result, and errors
 * turned into `isError` answers so the server keeps serving.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ElicitRequestFormParams, ElicitResult, ServerNotification, ServerRequest, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { UserError } from '../core/errors.js';
import { errorResult } from './errors.js';
import type { Logger } from './log.js';

/** What a tool handler may use besides its input; ops take the `signal`/`onProgress` part as their context. */
export interface ToolContext {
  /** Aborted when the client cancels the call or the connection closes. */
  readonly signal: AbortSignal;
  /** Reports progress when the client asked for it (sent a progressToken); otherwise a no-op. */
  readonly onProgress: (progress: Progress) => Promise<void>;
  /** Present only when the client declared form elicitation: asks the person a question. */
  readonly elicit?: (params: Omit<ElicitRequestFormParams, 'mode'>) => Promise<ElicitResult>;
  readonly log: Logger;
}

export interface Progress {
  readonly progress: number;
  readonly total?: number;
  readonly message?: string;
}

export interface ToolDefinition<Input extends z.ZodType = z.ZodType, Output extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly title: string;
  /** For a model: what the tool does, when to use it, what it will not do. */
  readonly description: string;
  readonly input: Input;
  readonly output: Output;
  readonly annotations: ToolAnnotations;
  handler(input: z.output<Input>, context: ToolContext): Promise<z.output<Output>>;
  /** Short Markdown for the text content: summary, warnings table, files. */
  markdown(output: z.output<Output>): string;
}

/** Keeps a tool file's types checked against its own schemas while the index holds a plain list. */
export function defineTool<Input extends z.ZodType, Output extends z.ZodObject>(tool: ToolDefinition<Input, Output>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}

/** A person waits behind an elicitation; the SDK's 60 s request default is too short for that. */
const ELICITATION_TIMEOUT_MS = 10 * 60_000;

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export function registerTools(server: McpServer, tools: readonly ToolDefinition[], log: Logger): void {
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.input, outputSchema: tool.output, annotations: { title: tool.title, ...tool.annotations } },
      (input: unknown, extra: Extra) => runTool(server, tool, input, extra, log),
    );
  }
}

/** Every call has a time limit, so a pathological input cannot hold a client (or a session) forever. */
export const DEFAULT_CALL_TIMEOUT_MS = 120_000;

export function callTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.MIGRATION_GENERATOR_CALL_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_CALL_TIMEOUT_MS;
}

async function runTool(server: McpServer, tool: ToolDefinition, input: unknown, extra: Extra, log: Logger): Promise<CallToolResult> {
  const limit = callTimeoutMs();
  // The handler sees one signal: aborted by the client's cancellation or by the time limit.
  const controller = new AbortController();
  const forward = () => controller.abort(extra.signal.reason);
  extra.signal.addEventListener('abort', forward, { once: true });
  let expire!: (error: UserError) => void;
  const timedOut = new Promise<never>((_, reject) => (expire = reject));
  const deadline = callDeadline(limit, () => {
    const error = new UserError('TIMEOUT', `${tool.name} did not finish within ${formatMs(limit)} and was stopped`, {
      hint: 'try a smaller input, or raise MIGRATION_GENERATOR_CALL_TIMEOUT_MS (milliseconds)',
    });
    controller.abort(error);
    expire(error);
  });
  try {
    const context = toolContext(server, { ...extra, signal: controller.signal }, log, deadline);
    const running = tool.handler(input, context);
    // Work that ignores the signal may still settle after the time limit; its outcome is no longer anyone's.
    running.catch(() => undefined);
    const output = await Promise.race([running, timedOut]);
    if (extra.signal.aborted) throw new UserError('CANCELLED', `${tool.name} was cancelled`);
    // What is validated and what is sent must be the same JSON: drop undefined fields and non-JSON values now.
    const structuredContent = JSON.parse(JSON.stringify(output)) as Record<string, unknown>;
    return { content: [{ type: 'text', text: tool.markdown(output) }], structuredContent };
  } catch (error) {
    return errorResult(tool.name, error, log);
  } finally {
    deadline.clear();
    extra.signal.removeEventListener('abort', forward);
  }
}

interface Deadline {
  /** Stops the clock while a person answers a question; `resume` restarts it with the time that was left. */
  pause(): void;
  resume(): void;
  clear(): void;
}

function callDeadline(limit: number, onExpire: () => void): Deadline {
  let remaining = limit;
  let startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined = setTimeout(onExpire, limit);
  let pauses = 0;
  return {
    pause() {
      if (pauses++ > 0 || timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      remaining -= Date.now() - startedAt;
    },
    resume() {
      if (--pauses > 0 || remaining === -1) return;
      startedAt = Date.now();
      timer = setTimeout(onExpire, Math.max(0, remaining));
    },
    clear() {
      clearTimeout(timer);
      remaining = -1;
    },
  };
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function toolContext(server: McpServer, extra: Extra, log: Logger, deadline: Deadline): ToolContext {
  const progressToken = extra._meta?.progressToken;
  const onProgress = async ({ progress, total, message }: Progress) => {
    if (progressToken === undefined || extra.signal.aborted) return;
    await extra
      .sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } })
      .catch((error: unknown) => log(`progress notification failed: ${String(error)}`));
  };
  const canElicit = Boolean(server.server.getClientCapabilities()?.elicitation?.form);
  const elicit = canElicit
    ? async (params: Omit<ElicitRequestFormParams, 'mode'>) => {
        // A person's thinking time does not count against the call's time limit.
        deadline.pause();
        try {
          // relatedRequestId keeps the question on this call's stream in Streamable HTTP.
          return await server.server.elicitInput({ mode: 'form', ...params }, { signal: extra.signal, relatedRequestId: extra.requestId, timeout: ELICITATION_TIMEOUT_MS });
        } finally {
          deadline.resume();
        }
      }
    : undefined;
  return { signal: extra.signal, onProgress, elicit, log };
}

/** Throws a CANCELLED user error when the call was cancelled; handlers call it between stages. */
export function throwIfCancelled(signal: AbortSignal, what: string): void {
  if (signal.aborted) throw new UserError('CANCELLED', `${what} was cancelled`);
}
