/** schema.prisma → Schema: the DDL Prisma Migrate would run, loaded like any SQL. */
import { UserError } from '../../core/errors.js';
import type { DialectId, Schema } from '../../core/model.js';
import { loadPostgresSql } from '../sql/load-postgres-sql.js';
import { parsePrisma } from './prisma-schema.js';
import { prismaToPostgres } from './prisma-to-postgres.js';

const PROVIDERS: Record<string, DialectId> = { postgresql: 'postgres', postgres: 'postgres', mysql: 'mysql', sqlite: 'sqlite' };

export async function loadPrisma(text: string, options: { file?: string; dialect: DialectId; scratchUrl?: string }): Promise<Schema> {
  const doc = parsePrisma(text, options.file);
  const dialect = PROVIDERS[doc.provider];
  if (dialect !== options.dialect) {
    throw new UserError('BAD_INPUT', `${options.file ?? 'the Prisma schema'} is for provider "${doc.provider}", not ${options.dialect}`, {
      hint: dialect ? `pass --dialect ${dialect}` : 'supported providers: postgresql, mysql, sqlite',
    });
  }
  if (dialect !== 'postgres') throw new UserError('UNSUPPORTED', `Prisma schemas for ${dialect} are not available yet`);
  return loadPostgresSql([{ file: `${options.file ?? 'schema.prisma'} (as Prisma Migrate SQL)`, text: prismaToPostgres(doc) }], { serverUrl: options.scratchUrl });
}
