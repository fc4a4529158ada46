/** Connections to a MySQL or MariaDB server through mysql2. Errors never carry the password. */
import type mysql from 'mysql2/promise';
import { lazyRequire } from '../../core/lazy-require.js';
import { UserError } from '../../core/errors.js';
import { redactSecrets, redactUrl } from '../../core/redact.js';

const loadMysql = lazyRequire<typeof mysql>('mysql2/promise');

export type Row = Record<string, any>;

export interface MysqlClient {
  query<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** One statement, no parameters, through the text protocol (DDL is not preparable everywhere). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface MysqlServerError {
  readonly message: string;
  readonly code?: string;
  readonly errno?: number;
  readonly sqlMessage?: string;
}

export function isMysqlError(error: unknown): error is MysqlServerError {
  return typeof error === 'object' && error !== null && 'errno' in error && 'sqlMessage' in error;
}

/** The database the URL names (empty when it names none). */
export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

export async function connectMysql(url: string, options: { database?: string } = {}): Promise<MysqlClient> {
  const parsed = new URL(url.replace(/^mariadb:/i, 'mysql:'));
  let connection: mysql.Connection;
  try {
    connection = await loadMysql().createConnection({
      host: parsed.hostname || '127.0.0.1',
      port: parsed.port ? Number(parsed.port) : 3306,
      user: decodeURIComponent(parsed.username || 'root'),
      password: decodeURIComponent(parsed.password),
      database: (options.database ?? databaseOf(parsed.toString())) || undefined,
      connectTimeout: 10_000,
      // The model compares text: keep dates, big numbers and decimals as the server prints them.
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      multipleStatements: false,
    });
  } catch (error) {
    throw new UserError('CONNECTION_FAILED', `cannot connect to ${redactUrl(url)}: ${redactSecrets((error as Error).message || String(error))}`, {
      hint: 'check that the server is running and the URL, user and database are right',
    });
  }
  // An idle connection that loses its server emits 'error'; without a listener that would crash the process.
  connection.on('error', () => undefined);
  return {
    async query<R>(sql: string, params?: readonly unknown[]) {
      const [rows] = await connection.query(sql, params ? [...params] : undefined);
      return rows as R[];
    },
    async exec(sql: string) {
      await connection.query(sql);
    },
    async close() {
      await connection.end().catch(() => connection.destroy());
    },
  };
}
