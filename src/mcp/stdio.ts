/** `migration-generator serve`: one client over stdin/stdout, the way desktop and CLI agents start servers. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { closeScratchPool } from '../validate/scratch-postgres.js';
import { keepStdoutForProtocol } from './log.js';
import { limitLines, maxMessageBytes, oversizedResponse } from './message-limit.js';
import { createServer, defaultServerOptions, type ServerOptions } from './server.js';

/** Resolves when the client goes away (stdin ends) or the process is asked to stop. */
export async function serveStdio(options: ServerOptions = defaultServerOptions()): Promise<void> {
  keepStdoutForProtocol();
  const server = createServer(options);
  const limit = maxMessageBytes();
  const input = limitLines(limit, (message) => {
    options.log(`dropped a ${message.bytes}-byte message: the limit is ${limit} bytes`);
    process.stdout.write(oversizedResponse(message, limit));
  });
  process.stdin.pipe(input);
  const transport = new StdioServerTransport(input, process.stdout);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    input.once('end', resolve);
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.connect(transport);
  options.log(`serving over stdio (${options.tools.length} tools, ${options.prompts.length} prompts, ${options.resources.length} resources)`);
  await closed;
  await server.close().catch(() => undefined);
  await closeScratchPool();
}
