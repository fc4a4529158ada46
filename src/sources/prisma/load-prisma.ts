/** schema.prisma → Schema: the DDL Prisma Migrate would run, loaded like any SQL. */
import { UserError } from '../../core/errors.js';
import type { DialectId, Schema } from '../../core/model.js';
import { loadMysqlSql } from '../sql/load-mysql-sql.js';
import { loadPostgresSql } from '../sql/load-postgres-sql.js';
import { loadSqliteSql } from '../sql/load-sqlite-sql.js';
import { parsePrisma, type PrismaDocument } from './prisma-schema.js';
import { prismaToMysql } from './prisma-to-mysql.js';
import { prismaToPostgres } from './prisma-to-postgres.js';
import { prismaToSqlite } from './prisma-to-sqlite.js';

const PROVIDERS: Record<string, DialectId> = { postgresql: 'postgres', postgres: 'postgres', mysql: 'mysql', sqlite: 'sqlite' };

export async function loadPrisma(text: string, options: { file?: string; dialect: DialectId; scratchUrl?: string }): Promise<Schema> {
  const doc = parsePrisma(text, options.file);
  const dialect = PROVIDERS[doc.provider];
  if (dialect !== options.dialect) {
    throw new UserError('BAD_INPUT', `${options.file ?? 'the Prisma schema'} is for provider "${doc.provider}", not ${options.dialect}`, {
      hint: dialect ? `pass --dialect ${dialect}` : 'supported providers: postgresql, mysql, sqlite',
    });
  }
  const file = `${options.file ?? 'schema.prisma'} (as Prisma Migrate SQL)`;
  return LOADERS[dialect](doc, file, options.scratchUrl);
}

/** The DDL Prisma Migrate would run for the provider, loaded like any SQL of that dialect. */
const LOADERS: Record<DialectId, (doc: PrismaDocument, file: string, scratchUrl?: string) => Promise<Schema>> = {
  postgres: (doc, file, scratchUrl) => loadPostgresSql([{ file, text: prismaToPostgres(doc) }], { serverUrl: scratchUrl }),
  mysql: (doc, file, scratchUrl) => loadMysqlSql([{ file, text: prismaToMysql(doc) }], { serverUrl: scratchUrl ?? (process.env.MIGRATION_GENERATOR_MYSQL_URL || undefined) }),
  sqlite: async (doc, file) => loadSqliteSql([{ file, text: prismaToSqlite(doc) }]),
};
