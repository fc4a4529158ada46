/** File names for emitted migrations: `NNN_name` after what the folder holds, or `TIMESTAMP_name`. */
import { UserError } from '../core/errors.js';

export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/, '');
  return slug || 'migration';
}

/** The next sequence number after the highest `NNN_` prefix among existing file names. */
export function nextSequence(existing: readonly string[]): string {
  let highest = 0;
  let width = 3;
  for (const file of existing) {
    const match = /^(\d+)_/.exec(file);
    if (!match || (match[1] as string).length >= 12) continue; // timestamps are not sequence numbers
    highest = Math.max(highest, Number(match[1]));
    width = Math.max(width, (match[1] as string).length);
  }
  return String(highest + 1).padStart(width, '0');
}

/** `--timestamp` takes digits (20250101120000) or an ISO date, which becomes UTC digits. */
export function timestampPrefix(value: string | Date): string {
  if (value instanceof Date) return isoDigits(value);
  if (/^\d{8,17}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new UserError('BAD_INPUT', `timestamp "${value}" is neither digits nor a date`, { hint: 'use 20250101120000 or 2025-01-01T12:00:00Z' });
  }
  return isoDigits(date);
}

function isoDigits(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, '').replace(/\D/g, '');
}
