/**
 * Loaded schemas kept for the life of the process, so that the MCP server (which lives long and is
 * often asked about the same pair again and again) does not load the same SQL or Prisma text again.
 *
 * A key covers everything a load's result depends on: which loader, the dialect, the scratch server
 * it runs on, and each text with its file name and the SHA-256 of its content. Callers read the
 * files on every call and key on what they read, so an edited file is a miss. Live databases change
 * under us and are never cached: only text is.
 *
 * A cached Schema is shared by every caller that asks for the same key, so it is deeply frozen before
 * it is shared; code that tried to change one would throw (modules run in strict mode) instead of
 * quietly changing another caller's answer. Nothing in the engine writes to a Schema: diff, plan and
 * emit build new values.
 */
import { createHash } from 'node:crypto';
import type { DialectId, Schema } from '../core/model.js';

export interface LoadKeyParts {
  /** Which loader reads the texts (e.g. `sql`, `prisma`): different loaders may read one text differently. */
  readonly loader: string;
  readonly dialect: DialectId;
  /** The scratch server the loader runs the text on; different servers may read one text differently. */
  readonly scratchUrl?: string;
  readonly texts: readonly { readonly file?: string; readonly text: string }[];
}

export interface LoadKey {
  readonly id: string;
  /** Characters of text behind the key: the bound on what the cache holds. */
  readonly textSize: number;
}

export interface LoadCacheLimits {
  readonly maxEntries: number;
  readonly maxTextSize: number;
}

/** About 16 M characters of source: a pair of 5,000-table schemas fits, a long session does not grow without end. */
export const DEFAULT_LOAD_CACHE_LIMITS: LoadCacheLimits = { maxEntries: 32, maxTextSize: 16 * 2 ** 20 };

export function loadKey(parts: LoadKeyParts): LoadKey {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([parts.loader, parts.dialect, parts.scratchUrl ?? '']));
  let textSize = 0;
  for (const { file, text } of parts.texts) {
    hash.update(`\0${JSON.stringify(file ?? null)}\0${createHash('sha256').update(text).digest('hex')}`);
    textSize += text.length;
  }
  return { id: hash.digest('hex'), textSize };
}

interface Entry {
  readonly schema: Schema;
  readonly textSize: number;
}

let limits = DEFAULT_LOAD_CACHE_LIMITS;
/** Insertion order is recency order: a hit moves its entry to the end, eviction takes from the front. */
const entries = new Map<string, Entry>();
const inFlight = new Map<string, Promise<Schema>>();
let heldTextSize = 0;
let hits = 0;
let misses = 0;

/**
 * The schema for `key`: from the cache, from a load already running for the same key, or from
 * `load()`. A failed load is not kept: the next call tries again.
 */
export function cachedSchemaLoad(key: LoadKey, load: () => Promise<Schema>): Promise<Schema> {
  // Switched off (a one-shot command): nothing is shared, so nothing needs freezing.
  if (limits.maxEntries < 1) return load();
  const entry = entries.get(key.id);
  if (entry) {
    hits++;
    entries.delete(key.id);
    entries.set(key.id, entry);
    return Promise.resolve(entry.schema);
  }
  const running = inFlight.get(key.id);
  if (running) {
    hits++;
    return running;
  }
  misses++;
  const loading = load().then(
    (schema) => {
      inFlight.delete(key.id);
      const frozen = deepFreeze(schema);
      remember(key, frozen);
      return frozen;
    },
    (error: unknown) => {
      inFlight.delete(key.id);
      throw error;
    },
  );
  inFlight.set(key.id, loading);
  return loading;
}

function remember(key: LoadKey, schema: Schema): void {
  // One text larger than the whole bound would only push everything else out and then go itself.
  if (key.textSize > limits.maxTextSize || limits.maxEntries < 1) return;
  const previous = entries.get(key.id);
  if (previous) heldTextSize -= previous.textSize;
  entries.delete(key.id);
  entries.set(key.id, { schema, textSize: key.textSize });
  heldTextSize += key.textSize;
  for (const [id, oldest] of entries) {
    if (entries.size <= limits.maxEntries && heldTextSize <= limits.maxTextSize) break;
    entries.delete(id);
    heldTextSize -= oldest.textSize;
  }
}

function deepFreeze<T>(value: T, seen = new WeakSet<object>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  Object.freeze(value);
  for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child, seen);
  return value;
}

export interface LoadCacheStats {
  readonly entries: number;
  readonly textSize: number;
  readonly hits: number;
  readonly misses: number;
}

export function loadCacheStats(): LoadCacheStats {
  return { entries: entries.size, textSize: heldTextSize, hits, misses };
}

/** Empties the cache and sets its bounds (tests, and embedders that want another size). */
export function resetLoadCache(newLimits: LoadCacheLimits = DEFAULT_LOAD_CACHE_LIMITS): void {
  limits = newLimits;
  entries.clear();
  inFlight.clear();
  heldTextSize = 0;
  hits = 0;
  misses = 0;
}
