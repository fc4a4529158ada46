/** The narrow connection interface introspection and validation need; PGlite and `pg` both fit it. */
export interface SqlClient {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL's error shape, as thrown by both drivers. */
export interface PgErrorLike {
  message: string;
  code?: string;
  position?: string | number;
  detail?: string;
  hint?: string;
}

export function isPgError(error: unknown): error is PgErrorLike {
  return typeof error === 'object' && error !== null && 'message' in error && ('code' in error || 'severity' in error);
}

/**
 * The server went away or ended the session (shut down, pg_terminate_backend, network): not the
 * migration's fault, and nothing more can run on that connection.
 */
export function isConnectionLost(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === 'ECONNRESET' || code === 'EPIPE') return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection (?:ended|closed)|Client has encountered a connection error|not queryable/i.test(message);
}
