/** A live MySQL/MariaDB database named by a mysql:// (or mariadb://) URL, read inside a read-only transaction. */
import { UserError } from '../../core/errors.js';
import type { Schema } from '../../core/model.js';
import { redactUrl } from '../../core/redact.js';
import { connectMysql, databaseOf } from '../../dialects/mysql/client.js';
import { introspectMysql } from '../../dialects/mysql/introspect.js';

export async function loadLiveMysql(url: string): Promise<Schema> {
  const database = databaseOf(url.replace(/^mariadb:/i, 'mysql:'));
  if (!database) throw new UserError('BAD_INPUT', `${redactUrl(url)} names no database`, { hint: 'end the URL with /<database>' });
  const client = await connectMysql(url);
  try {
    return await introspectMysql(client, database);
  } finally {
    await client.close();
  }
}
