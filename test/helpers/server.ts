/** The real PostgreSQL server, when the environment names one (CI does). */
import { randomBytes } from 'node:crypto';
import { connectPostgres } from '../../src/dialects/postgres/server.js';

export const PG_TEST_URL = process.env.PG_TEST_URL;

/** Creates a database on the test server, runs `sql` in it, and returns its URL and a cleanup. */
export async function serverDatabaseWith(sql: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!PG_TEST_URL) throw new Error('PG_TEST_URL is not set');
  const name = `mg_test_${randomBytes(5).toString('hex')}`;
  const admin = await connectPostgres(PG_TEST_URL);
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(PG_TEST_URL);
  url.pathname = `/${name}`;
  const client = await connectPostgres(url.toString());
  try {
    await client.exec(sql);
  } finally {
    await client.close();
  }
  return {
    url: url.toString(),
    drop: async () => {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}
