/**
 * A live PostgreSQL database named by a postgres:// URL, read inside one read-only transaction: the
 * server itself refuses any write, and every catalog query sees the same snapshot.
 */
import { UserError } from '../../core/errors.js';
import type { Schema } from '../../core/model.js';
import { isConnectionLost, type SqlClient } from '../../dialects/postgres/client.js';
import { introspectPostgres } from '../../dialects/postgres/introspect.js';
import { connectPostgres } from '../../dialects/postgres/server.js';

export async function withReadOnlyPostgres<T>(url: string, read: (client: SqlClient) => Promise<T>): Promise<T> {
  const client = await connectPostgres(url);
  try {
    await client.exec('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    await client.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await read(client);
    await client.exec('ROLLBACK');
    return result;
  } catch (error) {
    if (isConnectionLost(error)) {
      throw new UserError('CONNECTION_FAILED', `lost the connection while reading the database schema: ${(error as Error).message}`, { hint: 'the server restarted or ended the session; try again' });
    }
    throw error;
  } finally {
    await client.close();
  }
}

export function loadLivePostgres(url: string): Promise<Schema> {
  return withReadOnlyPostgres(url, introspectPostgres);
}
