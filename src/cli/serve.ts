import type { Command } from 'commander';
import { EXIT_OK, EXIT_USER_ERROR, type CommandIo } from './run.js';

export function registerServe(program: Command, io: CommandIo, exit: (code: number) => void): void {
  program
    .command('serve')
    .description('Run the MCP server: stdio by default, Streamable HTTP with --http')
    .option('--http', 'serve Streamable HTTP at /mcp instead of stdio')
    .option('--port <n>', 'HTTP port (0 picks a free one)', '3000')
    .option('--host <address>', 'HTTP address to bind; other than loopback needs a token', '127.0.0.1')
    .option('--token <token>', 'require Authorization: Bearer <token> (default: $MIGRATION_GENERATOR_TOKEN)')
    .action(async (options: { http?: boolean; port: string; host: string; token?: string }) => {
      // The server modules load only for `serve`: every other command and --help start without them.
      const { defaultServerOptions } = await import('../mcp/server.js');
      if (!options.http) {
        const { serveStdio } = await import('../mcp/stdio.js');
        await serveStdio(defaultServerOptions());
        return exit(EXIT_OK);
      }
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.stderr(`error: --port must be a number from 0 to 65535, got ${options.port}\n`);
        return exit(EXIT_USER_ERROR);
      }
      const token = options.token ?? (process.env.MIGRATION_GENERATOR_TOKEN || undefined);
      try {
        const { startHttpServer } = await import('../mcp/http.js');
        const running = await startHttpServer({ port, host: options.host, token, server: defaultServerOptions() });
        await untilStopped();
        await running.close();
        exit(EXIT_OK);
      } catch (error) {
        io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
        exit(EXIT_USER_ERROR);
      }
    });
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
