/** The output formats generate-migration offers: one emitter file each, listed here and nowhere else. */
import type { Emitter } from './emitter.js';
import { sqlEmitter } from './formats/sql.js';
import { alembicEmitter } from './formats/alembic.js';

export const EMITTERS = {
  sql: sqlEmitter,
  alembic: alembicEmitter,
} as const satisfies Record<string, Emitter>;

export type FormatId = keyof typeof EMITTERS;
export const FORMAT_IDS = Object.keys(EMITTERS).sort() as [FormatId, ...FormatId[]];
