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
