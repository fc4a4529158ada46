/**
 * A source as the user names it (a file, a folder, inline SQL, `-` for stdin, a database URL)
 * → the schema model.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UserError } from '../core/errors.js';
import type { DialectId, Schema } from '../core/model.js';
import { redactUrl } from '../core/redact.js';
import { introspectPostgres } from '../dialects/postgres/introspect.js';
import { connectPostgres } from '../dialects/postgres/server.js';
import { loadPrisma } from './prisma/load-prisma.js';
import { loadPostgresSql, type SqlText } from './sql/load-postgres-sql.js';

export interface LoadOptions {
  readonly dialect: DialectId;
  /** A disposable PostgreSQL server for scratch databases; PGlite otherwise. */
  readonly scratchUrl?: string;
  /** Text read from standard input, for the `-` source. */
  readonly stdin?: () => Promise<string>;
}

export type SourceKind = 'database' | 'sql-file' | 'sql-folder' | 'inline-sql' | 'stdin';

export function isDatabaseUrl(source: string): boolean {
  return /^(postgres|postgresql|mysql|mariadb|sqlite):/i.test(source);
}

export async function loadSchema(source: string, options: LoadOptions): Promise<Schema> {
  if (isDatabaseUrl(source)) return loadLive(source, options);
  if (/\.prisma$/i.test(source)) {
    const text = await readFile(source, 'utf8').catch(() => {
      throw new UserError('NOT_FOUND', `no such file: ${source}`);
    });
    return loadPrisma(text, { file: source, dialect: options.dialect, scratchUrl: options.scratchUrl });
  }
  return loadSqlTexts(await readSqlSource(source, options), options);
}

export async function loadSqlTexts(texts: readonly SqlText[], options: LoadOptions): Promise<Schema> {
  if (options.dialect !== 'postgres') {
    throw new UserError('UNSUPPORTED', `loading ${options.dialect} SQL is not available yet`, { hint: 'use --dialect postgres' });
  }
  return loadPostgresSql(texts, { serverUrl: options.scratchUrl });
}

async function loadLive(url: string, options: LoadOptions): Promise<Schema> {
  if (!/^postgres(ql)?:/i.test(url)) {
    throw new UserError('UNSUPPORTED', `live introspection of ${redactUrl(url)} is not available yet`, { hint: 'use a postgres:// URL' });
  }
  if (options.dialect !== 'postgres') throw new UserError('BAD_INPUT', `a postgres:// URL cannot be read as ${options.dialect}`);
  const client = await connectPostgres(url);
  try {
    return await introspectPostgres(client);
  } finally {
    await client.close();
  }
}

/** Reads SQL from a file, a folder (files in name order, `.down.sql` left out), stdin or inline text. */
export async function readSqlSource(source: string, options: Pick<LoadOptions, 'stdin'> = {}): Promise<SqlText[]> {
  if (source === '-') {
    if (!options.stdin) throw new UserError('BAD_INPUT', 'standard input is not available here');
    return [{ file: '<stdin>', text: await options.stdin() }];
  }
  const info = await stat(source).catch(() => undefined);
  if (info?.isDirectory()) return readSqlFolder(source);
  if (info?.isFile()) return [{ file: source, text: await readFile(source, 'utf8') }];
  if (looksLikeSql(source)) return [{ file: '<inline>', text: source }];
  throw new UserError('NOT_FOUND', `no such file or folder: ${source}`, { hint: 'pass a .sql file, a folder of .sql files, inline SQL, - for stdin, or a database URL' });
}

async function readSqlFolder(folder: string): Promise<SqlText[]> {
  const files = (await listFiles(folder, 2))
    .filter((path) => path.endsWith('.sql') && !/\.down\.sql$/i.test(path))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (files.length === 0) throw new UserError('NOT_FOUND', `no .sql files in ${folder}`);
  return Promise.all(files.map(async (path) => ({ file: path, text: await readFile(path, 'utf8') })));
}

async function listFiles(folder: string, depth: number): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isFile()) out.push(path);
    else if (entry.isDirectory() && depth > 1) out.push(...(await listFiles(path, depth - 1)));
  }
  return out.map((p) => join(folder, relative(folder, p)));
}

function looksLikeSql(text: string): boolean {
  return /[\s;(]/.test(text.trim()) || text.trim() === '';
}
