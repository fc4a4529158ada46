/** Shared plumbing for CLI commands: run an op, print its result, map errors to exit codes. */
import { ZodError } from 'zod';
import { isUserError } from '../core/errors.js';
import { redactSecrets } from '../core/redact.js';
import { closeScratchPool } from '../validate/scratch-postgres.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USER_ERROR = 2;

export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: () => Promise<string>;
}

export const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** Runs a command body; user errors print one line and exit 2, nothing prints a stack for them. */
export async function runCommand(io: CommandIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (isUserError(error)) {
      io.stderr(`error: ${redactSecrets(error.format())}\n`);
      return EXIT_USER_ERROR;
    }
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      io.stderr(`error: invalid ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'bad input'}\n`);
      return EXIT_USER_ERROR;
    }
    io.stderr(`internal error: ${redactSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    return 3;
  } finally {
    await closeScratchPool();
  }
}

export function printJson(io: CommandIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
