/**
 * Chaining a new migration onto the files already in the output folder, so the tool runs it after
 * every existing one: a timestamp later than the newest file's (Knex, Sequelize, Prisma, TypeORM),
 * Alembic's head revision, the latest Django migration of the app, the next number of a
 * sequence-named folder. Pure: it reads file names and contents, never the clock; ids are derived from
 * the timestamp and name, so the same inputs always give the same files.
 */
import { createHash } from 'node:crypto';
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

/** 12 hex digits from the timestamp and name, Alembic's revision-id shape. */
export function revisionId(timestamp: string, name: string): string {
  return createHash('sha256').update(`${timestamp}\0${name}`).digest('hex').slice(0, 12);
}

const PY_ID = /^\s*revision\s*(?::\s*str\s*)?=\s*['"]([^'"]+)['"]/m;
const PY_DOWN = /^\s*down_revision\s*(?::[^=]+)?=\s*(.+)$/m;

/** Alembic heads: revisions no other revision names as its down_revision, sorted. */
export function alembicHeads(existing: readonly EmittedFile[]): string[] {
  const revisions = new Set<string>();
  const referenced = new Set<string>();
  for (const file of existing) {
    if (!file.path.endsWith('.py')) continue;
    const id = PY_ID.exec(file.content);
    if (!id) continue;
    revisions.add(id[1] as string);
    const down = PY_DOWN.exec(file.content);
    for (const match of (down?.[1] ?? '').matchAll(/['"]([^'"]+)['"]/g)) referenced.add(match[1] as string);
  }
  return [...revisions].filter((r) => !referenced.has(r)).sort();
}

const DJANGO_FILE = /^(\d{4})_([A-Za-z0-9_]+)\.py$/;

/** The app's migrations by number: `[number, stem]`, highest last. */
function djangoMigrations(existing: readonly EmittedFile[]): { number: number; stem: string; content: string }[] {
  return existing
    .flatMap((file) => {
      const match = DJANGO_FILE.exec(file.path);
      return match ? [{ number: Number(match[1]), stem: file.path.slice(0, -3), content: file.content }] : [];
    })
    .sort((a, b) => a.number - b.number || (a.stem < b.stem ? -1 : 1));
}

/**
 * Leaf Django migrations (no other migration of the folder depends on them), the next number, and the
 * app label the folder's own dependencies use for itself.
 */
export function djangoChain(existing: readonly EmittedFile[], fallbackLabel: string): { leaves: string[]; next: string; label: string } {
  const migrations = djangoMigrations(existing);
  const stems = new Set(migrations.map((m) => m.stem));
  const referenced = new Set<string>();
  let label: string | undefined;
  for (const m of migrations) {
    for (const dep of m.content.matchAll(/\(\s*['"]([A-Za-z0-9_]+)['"]\s*,\s*['"]([A-Za-z0-9_]+)['"]\s*\)/g)) {
      if (stems.has(dep[2] as string)) {
        referenced.add(dep[2] as string);
        label ??= dep[1] as string;
      }
    }
    label ??= /^# app_label: ([A-Za-z0-9_]+)$/m.exec(m.content)?.[1];
  }
  const highest = migrations.length ? (migrations[migrations.length - 1] as { number: number }).number : 0;
  return {
    leaves: migrations.map((m) => m.stem).filter((s) => !referenced.has(s)).sort(),
    next: String(highest + 1).padStart(4, '0'),
    label: label ?? fallbackLabel,
  };
}

/**
 * The next version prefix for a SQL-file runner: a sequence when the folder already numbers its files
 * that way (`000007_`, `00007_`), otherwise the timestamp, the tools' default for new files.
 */
export function nextVersion(existing: readonly EmittedFile[], timestamp: string, defaultWidth: number): { version: string; sequence: boolean } {
  let highest = -1;
  let width = defaultWidth;
  let timestamped = false;
  for (const file of existing) {
    const match = /^(\d+)_/.exec(file.path.split('/').pop() as string);
    if (!match) continue;
    const digits = match[1] as string;
    if (digits.length >= 12) timestamped = true;
    else {
      highest = Math.max(highest, Number(digits));
      width = Math.max(width, digits.length);
    }
  }
  if (highest >= 0 && !timestamped) return { version: String(highest + 1).padStart(width, '0'), sequence: true };
  return { version: timestamp, sequence: false };
}

/** Adds `n` to a version, keeping its width (sequence or timestamp digits alike). */
export function bumpVersion(version: string, n: number): string {
  return (BigInt(version) + BigInt(n)).toString().padStart(version.length, '0');
}
