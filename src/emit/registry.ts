/** The output formats generate-migration offers: one emitter file each, listed here and nowhere else. */
import type { Emitter } from './emitter.js';
import { knexEmitter } from './formats/knex.js';
import { prismaEmitter } from './formats/prisma.js';
import { sequelizeEmitter } from './formats/sequelize.js';
import { sqlEmitter } from './formats/sql.js';
import { typeormEmitter } from './formats/typeorm.js';

export const EMITTERS = {
  sql: sqlEmitter,
  prisma: prismaEmitter,
  typeorm: typeormEmitter,
  sequelize: sequelizeEmitter,
  knex: knexEmitter,
} as const satisfies Record<string, Emitter>;

export type FormatId = keyof typeof EMITTERS;
export const FORMAT_IDS = Object.keys(EMITTERS).sort() as [FormatId, ...FormatId[]];
