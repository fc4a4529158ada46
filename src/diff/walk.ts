import { compareText } from '../core/model.js';

export interface RecordDiff<T> {
  readonly added: readonly [string, T][];
  readonly removed: readonly [string, T][];
  readonly both: readonly [string, T, T][];
}

/** Pairs two keyed collections in key order; deterministic by construction. */
export function pairRecords<T>(from: Readonly<Record<string, T>>, to: Readonly<Record<string, T>>): RecordDiff<T> {
  const added: [string, T][] = [];
  const removed: [string, T][] = [];
  const both: [string, T, T][] = [];
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort(compareText);
  for (const key of keys) {
    const a = from[key];
    const b = to[key];
    if (a !== undefined && b !== undefined) both.push([key, a, b]);
    else if (a !== undefined) removed.push([key, a]);
    else if (b !== undefined) added.push([key, b]);
  }
  return { added, removed, both };
}

/**
 * Structural equality of plain data (what the model holds): arrays in order, objects whatever the
 * order of their keys, undefined fields as absent. The same answer as comparing canonical JSON,
 * without building the strings (the diff compares every object of both schemas).
 */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  if (keys.length !== Object.keys(y).filter((k) => y[k] !== undefined).length) return false;
  for (const key of keys) if (!(key in y) || !same(x[key], y[key])) return false;
  return true;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort(compareText).map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

/** Returns a copy without the listed fields, to compare what remains. */
export function without<T extends object>(value: T, ...fields: (keyof T)[]): Partial<T> {
  const copy: Partial<T> = { ...value };
  for (const field of fields) delete copy[field];
  return copy;
}
