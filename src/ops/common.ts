/** Input fields and helpers several operations share. */
import { z } from 'zod';
import type { RenameHint } from '../core/change.js';
import { UserError } from '../core/errors.js';
import { DIALECTS } from '../core/model.js';

export const dialectInput = z.enum(DIALECTS as unknown as ['postgres', 'mysql', 'sqlite']).default('postgres').describe('SQL dialect of both schemas');

export const sourceInput = (which: string) =>
  z
    .string()
    .min(1)
    .describe(`The ${which} schema: a .sql file, a folder of .sql files (name order), a schema.prisma, inline SQL, "-" for stdin, or a database URL (postgres://, mysql://, sqlite:path; read-only)`);

export const renamesInput = z
  .array(z.string())
  .default([])
  .describe('Confirmed renames, "old=new" or "old->new": tables (users, public.users) or columns (users.fullname=users.full_name)');

export const scratchUrlInput = z
  .string()
  .optional()
  .describe('A disposable server URL of the dialect (postgres:// or mysql://): scratch databases are created on it and dropped. PostgreSQL defaults to the embedded PGlite, SQLite to an in-memory database; MySQL text is read without a server when none is given');

export const warningOutput = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  object: z.string().optional(),
});
export type Warning = z.infer<typeof warningOutput>;

export function parseRenameHints(hints: readonly string[]): RenameHint[] {
  return hints.map((hint) => {
    const match = /^\s*([^=>\s]+)\s*(?:->|=>|=)\s*([^=>\s]+)\s*$/.exec(hint);
    if (!match) throw new UserError('BAD_INPUT', `rename hint "${hint}" is not of the form old=new`);
    return { from: match[1] as string, to: match[2] as string };
  });
}

export interface OpProgress {
  readonly progress: number;
  readonly total?: number;
  readonly message?: string;
}

/** What an operation may use besides its input: the CLI and the MCP edge each fill what they have. */
export interface OpContext {
  readonly stdin?: () => Promise<string>;
  /** Aborted when the caller cancels; long work checks it between stages. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: OpProgress) => void | Promise<void>;
}

export function throwIfCancelled(context: OpContext, what: string): void {
  if (context.signal?.aborted) throw new UserError('CANCELLED', `${what} was cancelled`);
}
