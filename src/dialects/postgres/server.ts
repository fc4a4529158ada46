/** Connections to a PostgreSQL server through `pg`. Errors never carry the password. */
import type pg from 'pg';
import { lazyRequire } from '../../core/lazy-require.js';
import { UserError } from '../../core/errors.js';
import { redactSecrets, redactUrl } from '../../core/redact.js';
import type { SqlClient } from './client.js';

const loadPg = lazyRequire<typeof pg>('pg');

// Keep numbers and timestamps as PostgreSQL prints them: the model compares text.
const RAW_TEXT_TYPES = [20, 700, 701, 1082, 1083, 1114, 1184, 1266, 1700];
const textTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (RAW_TEXT_TYPES.includes(oid)) return (value: string) => value;
    return loadPg().types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

export async function connectPostgres(url: string, options: { connectTimeoutMs?: number } = {}): Promise<SqlClient> {
  const client = new (loadPg().Client)({ connectionString: url, connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000, types: textTypes });
  // An idle client that loses its server emits 'error'; without a listener that would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new UserError('CONNECTION_FAILED', `cannot connect to ${redactUrl(url)}: ${redactSecrets(messageOf(error))}`, {
      hint: 'check that the server is running and the URL, user and database are right',
      cause: undefined,
    });
  }
  return {
    async query<R>(sql: string, params?: readonly unknown[]) {
      const result = await client.query(sql, params ? [...params] : undefined);
      return result.rows as R[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}
