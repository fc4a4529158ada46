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

async function runTool(server: McpServer, tool: ToolDefinition, input: unknown, extra: Extra, log: Logger): Promise<CallToolResult> {
  try {
    const context = toolContext(server, extra, log);
    const output = await tool.handler(input, context);
    if (extra.signal.aborted) throw new UserError('CANCELLED', `${tool.name} was cancelled`);
    // What is validated and what is sent must be the same JSON: drop undefined fields and non-JSON values now.
    const structuredContent = JSON.parse(JSON.stringify(output)) as Record<string, unknown>;
    return { content: [{ type: 'text', text: tool.markdown(output) }], structuredContent };
  } catch (error) {
    return errorResult(tool.name, error, log);
  }
}

function toolContext(server: McpServer, extra: Extra, log: Logger): ToolContext {
  const progressToken = extra._meta?.progressToken;
  const onProgress = async ({ progress, total, message }: Progress) => {
    if (progressToken === undefined || extra.signal.aborted) return;
    await extra
      .sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } })
      .catch((error: unknown) => log(`progress notification failed: ${String(error)}`));
  };
  const canElicit = Boolean(server.server.getClientCapabilities()?.elicitation?.form);
  const elicit = canElicit
    ? (params: Omit<ElicitRequestFormParams, 'mode'>) =>
        // relatedRequestId keeps the question on this call's stream in Streamable HTTP.
        server.server.elicitInput({ mode: 'form', ...params }, { signal: extra.signal, relatedRequestId: extra.requestId, timeout: ELICITATION_TIMEOUT_MS })
    : undefined;
  return { signal: extra.signal, onProgress, elicit, log };
}

/** Throws a CANCELLED user error when the call was cancelled; handlers call it between stages. */
export function throwIfCancelled(signal: AbortSignal, what: string): void {
  if (signal.aborted) throw new UserError('CANCELLED', `${what} was cancelled`);
}
