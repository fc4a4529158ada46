/**
 * Scratch MySQL/MariaDB databases on a server the user marked as disposable: a fresh
 * `mg_scratch_<pid>_<hex>` database is created, used and dropped. Nothing runs on the database the URL
 * names; release drops the scratch database even after a failure.
 */
import { randomBytes } from 'node:crypto';
import { UserError } from '../core/errors.js';
import { connectMysql, type MysqlClient } from '../dialects/mysql/client.js';

export interface MysqlScratch {
  readonly client: MysqlClient;
  readonly database: string;
  release(): Promise<void>;
}

export async function acquireMysqlScratch(serverUrl: string): Promise<MysqlScratch> {
  // The process id tells one process's scratch databases from another's on a shared server.
  const database = `mg_scratch_${process.pid}_${randomBytes(6).toString('hex')}`;
  // Connect without selecting the named database: it is never used, not even as a default.
  const client = await connectMysql(serverUrl, { database: '' });
  try {
    await client.exec(`CREATE DATABASE \`${database}\``);
  } catch (error) {
    await client.close();
    throw new UserError('CONNECTION_FAILED', `cannot create a scratch database on the server: ${(error as Error).message}`, {
      hint: 'the user in the URL needs the CREATE and DROP privileges',
    });
  }
  const drop = async () => {
    await client.exec(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => undefined);
    await client.close();
  };
  try {
    await client.exec(`USE \`${database}\``);
  } catch (error) {
    await drop();
    throw error;
  }
  let released = false;
  return {
    client,
    database,
    release: async () => {
      if (released) return;
      released = true;
      // A statement may have left a transaction open; end it before dropping.
      await client.exec('ROLLBACK').catch(() => undefined);
      await drop();
    },
  };
}
