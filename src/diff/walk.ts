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

/** Structural equality through canonical JSON (model objects hold only plain data). */
export function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
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
