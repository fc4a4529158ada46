/**
 * Writes emitted files into a folder: each through a complete temporary file linked into place, never over an
 * existing file, never outside the folder.
 */
import { link, mkdir, open, readFile, readdir, realpath, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UserError } from '../core/errors.js';
import type { EmittedFile } from './emitter.js';

export async function listExisting(folder: string): Promise<string[]> {
  return readdir(folder).catch(() => []);
}

const MIGRATION_TEXT = /\.(sql|py|rb|php|js|cjs|mjs|ts|go|toml)$/i;
const MAX_EXISTING_BYTES = 1_000_000;

/** The migration files already in a folder (two levels deep), so emitters can chain onto them. */
export async function readExisting(folder: string): Promise<EmittedFile[]> {
  const out: EmittedFile[] = [];
  const visit = async (relative: string, depth: number): Promise<void> => {
    const entries = await readdir(join(folder, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && depth > 1) await visit(path, depth - 1);
      else if (entry.isFile() && MIGRATION_TEXT.test(entry.name)) {
        const content = await readFile(join(folder, path), 'utf8').catch(() => undefined);
        if (content !== undefined && content.length <= MAX_EXISTING_BYTES) out.push({ path, content });
      }
    }
  };
  await visit('', 2);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function checkPath(path: string): void {
  const normal = normalize(path);
  if (isAbsolute(path) || normal.split(sep).includes('..') || path.includes('\0') || normal === '.' || normal === '') {
    throw new UserError('BAD_INPUT', `refusing to write "${path}": file names must stay inside the output folder`);
  }
}

/** Writes every file or none of the new ones: all names are checked before anything is written. */
export async function writeFiles(folder: string, files: readonly EmittedFile[]): Promise<string[]> {
  for (const file of files) checkPath(file.path);
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    throw cannotWrite(folder, error);
  });
  const root = await realpath(folder);
  const existing = new Set(await listExisting(folder));
  for (const file of files) {
    if (existing.has(file.path)) throw new UserError('FILE_EXISTS', `${join(folder, file.path)} already exists`, { hint: 'choose another --name or --timestamp; files are never overwritten' });
  }
  const written: string[] = [];
  try {
    for (const file of files) {
      const target = join(folder, file.path);
      const dir = dirname(target);
      await checkInside(root, dir, file.path);
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
      const handle = await open(temp, 'wx');
      try {
        try {
          await handle.writeFile(file.content, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        // link() publishes the complete file atomically and, unlike rename(), fails if the name exists.
        await link(temp, target).catch((error: unknown) => {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError('FILE_EXISTS', `${target} already exists`, { hint: 'files are never overwritten' });
          throw error;
        });
      } finally {
        await rm(temp, { force: true });
      }
      written.push(target);
    }
  } catch (error) {
    for (const path of written) await rm(path, { force: true });
    throw cannotWrite(folder, error);
  }
  return written;
}

/** A folder inside the output folder may be a symbolic link to elsewhere: nothing is written through one. */
async function checkInside(root: string, dir: string, path: string): Promise<void> {
  let existing = dir;
  while (!(await stat(existing).then(() => true, () => false))) existing = dirname(existing);
  const real = await realpath(existing);
  if (real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep)) {
    throw new UserError('BAD_INPUT', `refusing to write "${path}": it leads out of the output folder through a symbolic link`);
  }
}

const FILE_SYSTEM_REFUSALS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder is in the way',
  EEXIST: 'a file is in the way of a folder',
  ENAMETOOLONG: 'a file name is too long',
};

/** What the file system refused becomes a one-line answer; anything else stays a bug with its stack. */
function cannotWrite(folder: string, error: unknown): unknown {
  const reason = FILE_SYSTEM_REFUSALS[(error as NodeJS.ErrnoException)?.code ?? ''];
  if (reason === undefined) return error;
  return new UserError('BAD_INPUT', `cannot write migration files into ${folder}: ${reason}`, { hint: 'choose a folder you can write to (--out)', cause: error });
}
