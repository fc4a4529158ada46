/** The MariaDB/MySQL test server, when the environment names one (CI does). */
import { randomBytes } from 'node:crypto';
import { connectMysql } from '../../../src/dialects/mysql/client.js';
import { splitMysql } from '../../../src/dialects/mysql/split.js';
import type { Schema } from '../../../src/core/model.js';

export const MYSQL_TEST_URL = process.env.MYSQL_TEST_URL;

/** Creates a database on the test server, runs `sql` in it statement by statement, returns its URL and a cleanup. */
export async function mysqlDatabaseWith(sql: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  if (!MYSQL_TEST_URL) throw new Error('MYSQL_TEST_URL is not set');
  const name = `mg_test_${randomBytes(5).toString('hex')}`;
  const admin = await connectMysql(MYSQL_TEST_URL, { database: '' });
  await admin.exec(`CREATE DATABASE ${name}`);
  const drop = async () => {
    await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
    await admin.close();
  };
  const url = new URL(MYSQL_TEST_URL);
  url.pathname = `/${name}`;
  const client = await connectMysql(url.toString());
  try {
    for (const s of splitMysql(sql)) await client.exec(s.text);
  } catch (error) {
    await drop();
    throw error;
  } finally {
    await client.close();
  }
  return { url: url.toString(), name, drop };
}

/** A server re-prints a view's query; the text reader keeps it as written (a known gap). */
export function withoutViewQueries(schema: Schema): Schema {
  return { ...schema, views: Object.fromEntries(Object.entries(schema.views).map(([k, v]) => [k, { ...v, definition: '' }])) };
}
