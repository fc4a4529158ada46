/** The output formats generate-migration offers: one emitter file each, listed here and nowhere else. */
import type { Emitter } from './emitter.js';
import { sqlEmitter } from './formats/sql.js';
import { alembicEmitter } from './formats/alembic.js';
import { djangoEmitter } from './formats/django.js';
import { doctrineEmitter } from './formats/doctrine.js';
import { golangMigrateEmitter } from './formats/golang-migrate.js';
import { gooseEmitter } from './formats/goose.js';
import { laravelEmitter } from './formats/laravel.js';
import { railsEmitter } from './formats/rails.js';

export const EMITTERS = {
  sql: sqlEmitter,
  alembic: alembicEmitter,
  django: djangoEmitter,
  doctrine: doctrineEmitter,
  'golang-migrate': golangMigrateEmitter,
  goose: gooseEmitter,
  laravel: laravelEmitter,
  rails: railsEmitter,
} as const satisfies Record<string, Emitter>;

export type FormatId = keyof typeof EMITTERS;
export const FORMAT_IDS = Object.keys(EMITTERS).sort() as [FormatId, ...FormatId[]];
