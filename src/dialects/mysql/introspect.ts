/**
 * Reads a MySQL or MariaDB database from information_schema, inside a read-only transaction. The
 * same assembly turns these rows, or the rows the SQL-text reader derives without a server, into the
 * model: that is what makes the paths agree.
 */
import type { Schema } from '../../core/model.js';
import { assembleMysql, type MysqlCatalog } from './assemble.js';
import * as Q from './catalog-queries.js';
import type { MysqlClient, Row } from './client.js';
import type { MysqlFlavor } from './normalize.js';

export async function introspectMysql(client: MysqlClient, database: string): Promise<Schema> {
  return assembleMysql(await readCatalog(client, database));
}

export async function mysqlFlavor(client: MysqlClient): Promise<MysqlFlavor> {
  const [row] = await client.query<{ v: string }>('SELECT VERSION() AS v');
  return /mariadb/i.test(row?.v ?? '') ? 'mariadb' : 'mysql';
}

/** Nothing here writes; the transaction makes the server refuse it if anything tried. */
export async function readCatalog(client: MysqlClient, database: string): Promise<MysqlCatalog> {
  const flavor = await mysqlFlavor(client);
  await client.exec('START TRANSACTION READ ONLY');
  try {
    const run = (sql: string): Promise<Row[]> => client.query<Row>(sql, [database]);
    const [schema] = await run(Q.SCHEMA);
    return {
      flavor,
      database,
      databaseCollation: String(schema?.collation ?? ''),
      tables: await run(Q.TABLES),
      columns: await run(Q.COLUMNS),
      statistics: await run(Q.STATISTICS),
      foreignKeys: await run(Q.FOREIGN_KEYS),
      checks: await run(flavor === 'mariadb' ? Q.CHECKS_MARIADB : Q.CHECKS_MYSQL),
      views: await run(Q.VIEWS),
      triggers: await run(Q.TRIGGERS),
      routines: await run(Q.ROUTINES),
      parameters: await run(Q.PARAMETERS),
      events: await run(Q.EVENTS),
    };
  } finally {
    await client.exec('ROLLBACK');
  }
}
