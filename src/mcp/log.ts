/**
 * The server's log. stdout belongs to the protocol in stdio mode, so every line goes to stderr,
 * with secrets scrubbed: database URLs travel in tool arguments.
 */
import { redactSecrets } from '../core/redact.js';

export type Logger = (message: string) => void;

export const stderrLogger: Logger = (message) => {
  process.stderr.write(`[migration-generator] ${redactSecrets(message)}\n`);
};

export const silentLogger: Logger = () => undefined;

/**
 * Libraries (and WASM runtimes such as PGlite's) may call console.log; in stdio mode that would
 * corrupt the JSON-RPC stream, so the console's stdout methods are pointed at stderr.
 */
export function keepStdoutForProtocol(): void {
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}
