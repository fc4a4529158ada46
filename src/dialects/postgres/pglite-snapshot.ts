/**
 * A cached data directory for PGlite. A plain start runs `initdb` inside WASM (seconds of CPU and
 * hundreds of MB); loading the data directory a previous start left behind skips that. The snapshot
 * lives in the user's cache directory, keyed by the PGlite version; any trouble with the cache (no
 * home, a read-only disk, a damaged file) means a plain start, never a failure.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Bumped when what goes into a snapshot changes (options of `PGlite.create`, the file format). */
const FORMAT = 1;
const MAGIC = `migration-generator pglite snapshot v${FORMAT}`;

/** Where the project keeps its cache: MIGRATION_GENERATOR_CACHE_DIR, else XDG_CACHE_HOME or ~/.cache. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['MIGRATION_GENERATOR_CACHE_DIR'];
  if (explicit) return explicit;
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg) return join(xdg, 'migration-generator');
  try {
    const home = homedir();
    return home ? join(home, '.cache', 'migration-generator') : undefined;
  } catch {
    return undefined;
  }
}

let version: string | null | undefined;

/** The installed PGlite's version: a snapshot from another version may not load, so it names the file. */
function pgliteVersion(): string | undefined {
  if (version === undefined) {
    try {
      const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
      const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version?: unknown };
      version = typeof manifest.version === 'string' ? manifest.version : null;
    } catch {
      version = null;
    }
  }
  return version ?? undefined;
}

/** The snapshot's path, or undefined when there is no cache directory or PGlite's version is unknown. */
export function snapshotPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = cacheDirectory(env);
  const pglite = pgliteVersion();
  if (!dir || !pglite) return undefined;
  return join(dir, `pglite-${pglite.replace(/[^\w.-]/g, '_')}-datadir-v${FORMAT}.snapshot`);
}

/**
 * The file is a header line (magic, SHA-256 of the payload) and the gzipped tarball PGlite dumped.
 * The checksum catches a damaged file before PGlite sees it.
 */
function encode(payload: Uint8Array): Buffer {
  const sum = createHash('sha256').update(payload).digest('hex');
  return Buffer.concat([Buffer.from(`${MAGIC} sha256=${sum}\n`), payload]);
}

function decode(file: Buffer): Uint8Array | undefined {
  const newline = file.indexOf(0x0a);
  if (newline < 0 || newline > 200) return undefined;
  const match = /^(.*) sha256=([0-9a-f]{64})$/.exec(file.subarray(0, newline).toString('latin1'));
  if (!match || match[1] !== MAGIC) return undefined;
  const payload = file.subarray(newline + 1);
  return createHash('sha256').update(payload).digest('hex') === match[2] ? payload : undefined;
}

export interface Snapshot {
  readonly path: string;
  readonly data: Blob;
}

/** The cached snapshot if one is there and intact; a damaged one is deleted so the next start rebuilds it. */
export async function readSnapshot(env: NodeJS.ProcessEnv = process.env): Promise<Snapshot | undefined> {
  const path = snapshotPath(env);
  if (!path) return undefined;
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch {
    return undefined;
  }
  const payload = decode(file);
  if (!payload) {
    await discardSnapshot(path);
    return undefined;
  }
  return { path, data: new Blob([new Uint8Array(payload)]) };
}

/**
 * Writes a snapshot atomically: a private temporary file renamed over the final name, so a process
 * racing this one sees either no snapshot or a whole one. Failure to write is not an error.
 */
export async function writeSnapshot(payload: Uint8Array, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const path = snapshotPath(env);
  if (!path) return false;
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, encode(payload), { mode: 0o600 });
    await rename(temporary, path);
    return true;
  } catch {
    await unlink(temporary).catch(() => undefined);
    return false;
  }
}

export async function discardSnapshot(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}
