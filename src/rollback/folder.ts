/** The migrations of a folder, in the order a runner applies them. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import { upSectionsOnly } from '../sources/sql/up-sections.js';

export interface FolderMigration {
  readonly file: string;
  readonly up: string;
}

/**
 * `.sql` files in name order (`.down.sql` and `down.sql` left out), one folder level deep as well
 * (`20240101_init/migration.sql`, `001_init/up.sql`). Files holding both directions (goose, dbmate)
 * give their up sections.
 */
export async function listFolderMigrations(folder: string): Promise<FolderMigration[]> {
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) throw new UserError('NOT_FOUND', `no such folder: ${folder}`);
  const files = (await listSql(folder, 2)).filter((path) => !/(^|[/._-])down\.sql$/i.test(path)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (files.length === 0) throw new UserError('NOT_FOUND', `no up migrations (.sql files) in ${folder}`);
  return Promise.all(files.map(async (file) => ({ file, up: upSectionsOnly(await readFile(file, 'utf8')) })));
}

async function listSql(folder: string, depth: number): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && depth > 1) out.push(...(await listSql(path, depth - 1)));
    else if (entry.isFile() && entry.name.endsWith('.sql')) out.push(path);
  }
  return out;
}
