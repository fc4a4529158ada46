/**
 * Chaining onto the migrations already in the output folder, for formats that order files by time:
 * a new migration must sort after every existing one, or the tool would run it out of order (or
 * refuse). The given timestamp is kept when it is later; otherwise the migration takes the second
 * after the newest one. Pure: it reads file names, never the clock.
 */
import type { EmittedFile } from './emitter.js';

/** `YYYYMMDDHHMMSS` prefixes (Knex, Sequelize, Prisma folders). */
const DIGITS14 = /^(?:.*\/)?(\d{14})[_-]/;

export function chainTimestamp(timestamp: string, existing: readonly EmittedFile[]): string {
  const latest = existing
    .map((f) => DIGITS14.exec(f.path)?.[1])
    .filter((t): t is string => t !== undefined)
    .sort()
    .pop();
  if (!latest || !/^\d{14}$/.test(timestamp) || timestamp > latest) return timestamp;
  return plusSeconds(latest, 1);
}

/** TypeORM's millisecond prefixes (`1735732800000-AddOrders.ts`). */
export function chainMillis(millis: string, existing: readonly EmittedFile[]): string {
  const latest = Math.max(0, ...existing.map((f) => Number(/^(\d{13})-/.exec(f.path)?.[1] ?? 0)));
  return Number(millis) > latest ? millis : String(latest + 1000);
}

/** `20250101120000` plus n seconds, still 14 UTC digits. */
export function plusSeconds(timestamp: string, seconds: number): string {
  if (seconds === 0) return timestamp;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timestamp);
  if (!m) return `${timestamp}${seconds}`;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, (s as number) + seconds));
  return date.toISOString().replace(/\.\d+Z$/, '').replace(/\D/g, '');
}
