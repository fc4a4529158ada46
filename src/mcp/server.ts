/** The MCP server: tools over src/ops/, prompt templates from prompts/, resources from the skill. */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { join } from 'node:path';
import type { Logger } from './log.js';
import { stderrLogger } from './log.js';
import { packageRoot, packageVersion } from './package-root.js';
import { lintRuleResources } from './lint-rule-resources.js';
import { loadPrompts, registerPrompts, type PromptTemplate } from './prompts.js';
import { registerResources, skillResources, type ResourceProvider } from './resources.js';
import type { ToolDefinition } from './tool.js';
import { registerTools } from './tool.js';
import { TOOLS } from './tools/index.js';

export interface ServerOptions {
  readonly tools: readonly ToolDefinition[];
  readonly prompts: readonly PromptTemplate[];
  readonly resources: readonly ResourceProvider[];
  readonly log: Logger;
}

const INSTRUCTIONS = [
  'migration-generator turns schema changes into safe, reversible, verified database migrations.',
  'Start with detect-changes (current schema vs desired schema: inline SQL, .sql files or folders, or a postgres:// URL).',
  'Renames are never guessed: confirm possibleRenames with the renames argument.',
  'Warnings carry hazard codes (DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK, BREAKING_CHANGE, INDEX_BUILD, ...);',
  'read the checklists under migration-generator://checklists/ before running a migration in production.',
].join(' ');

/** Reads the prompt templates and finds the skill files once; HTTP sessions share the result. */
export function defaultServerOptions(overrides: Partial<ServerOptions> = {}): ServerOptions {
  const root = packageRoot();
  return {
    tools: overrides.tools ?? TOOLS,
    prompts: overrides.prompts ?? loadPrompts(join(root, 'prompts')),
    resources: overrides.resources ?? [...skillResources(root), ...lintRuleResources()],
    log: overrides.log ?? stderrLogger,
  };
}

export function createServer(options: ServerOptions = defaultServerOptions()): McpServer {
  const server = new McpServer(
    { name: 'migration-generator', title: 'Migration Generator', version: packageVersion() },
    { instructions: INSTRUCTIONS },
  );
  registerTools(server, options.tools, options.log);
  if (options.prompts.length > 0) registerPrompts(server, options.prompts);
  if (options.resources.length > 0) registerResources(server, options.resources);
  return server;
}
