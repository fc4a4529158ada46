/**
 * Errors are answers: a mistake in the input (bad SQL with its file:line:col, an unreachable
 * database, a bad argument) comes back as an `isError` result the model can read and act on, and
 * the server keeps serving. Only bugs are logged with their stack, to stderr.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ZodError } from 'zod';
import { isUserError } from '../core/errors.js';
import { redactSecrets } from '../core/redact.js';
import type { Logger } from './log.js';

export function errorResult(tool: string, error: unknown, log: Logger): CallToolResult {
  return { content: [{ type: 'text', text: redactSecrets(errorText(tool, error, log)) }], isError: true };
}

function errorText(tool: string, error: unknown, log: Logger): string {
  if (isUserError(error)) return `${error.code}: ${error.format()}`;
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
    return `BAD_INPUT: invalid arguments for ${tool}: ${issues.join('; ')}`;
  }
  log(`${tool} failed with an internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return `INTERNAL_ERROR: ${tool} failed: ${error instanceof Error ? error.message : String(error)} (this is a bug in migration-generator, not in your input)`;
}
