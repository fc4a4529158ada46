/** The output formats generate-migration offers: one emitter file each, listed here and nowhere else. */
import type { Emitter } from './emitter.js';
import { alembicEmitter } from './formats/alembic.js';
import { djangoEmitter } from './formats/django.js';
import { doctrineEmitter } from './formats/doctrine.js';
import { golangMigrateEmitter } from './formats/golang-migrate.js';
import { gooseEmitter } from './formats/goose.js';
import { knexEmitter } from './formats/knex.js';
import { laravelEmitter } from './formats/laravel.js';
import { prismaEmitter } from './formats/prisma.js';
import { railsEmitter } from './formats/rails.js';
import { sequelizeEmitter } from './formats/sequelize.js';
import { sqlEmitter } from './formats/sql.js';
import { typeormEmitter } from './formats/typeorm.js';

export const EMITTERS = {
  sql: sqlEmitter,
  alembic: alembicEmitter,
  django: djangoEmitter,
  doctrine: doctrineEmitter,
  'golang-migrate': golangMigrateEmitter,
  goose: gooseEmitter,
  knex: knexEmitter,
  laravel: laravelEmitter,
  prisma: prismaEmitter,
  rails: railsEmitter,
  sequelize: sequelizeEmitter,
  typeorm: typeormEmitter,
} as const satisfies Record<string, Emitter>;

export type FormatId = keyof typeof EMITTERS;
export const FORMAT_IDS = Object.keys(EMITTERS).sort() as [FormatId, ...FormatId[]];
