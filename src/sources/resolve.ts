/**
 * A source as the user names it (a file, a folder, inline SQL, `-` for stdin, a database URL)
 * → the schema model.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UserError } from '../core/errors.js';
import type { DialectId, Schema } from '../core/model.js';
import { redactUrl } from '../core/redact.js';
import { isSqliteLocation } from '../dialects/sqlite/open.js';
import type { SqlText } from './sql/load-postgres-sql.js';
import { upSectionsOnly } from './sql/up-sections.js';
import { cachedSchemaLoad, loadKey } from './load-cache.js';

export interface LoadOptions {
  readonly dialect: DialectId;
  /**
   * A disposable server for scratch databases: PostgreSQL (PGlite otherwise) or MySQL/MariaDB
   * (`MIGRATION_GENERATOR_MYSQL_URL` otherwise, then the built-in MySQL DDL reader). SQLite always
   * uses an in-memory database.
   */
  readonly scratchUrl?: string;
  /** Text read from standard input, for the `-` source. */
  readonly stdin?: () => Promise<string>;
}

export type SourceKind = 'database' | 'sql-file' | 'sql-folder' | 'inline-sql' | 'stdin';

export function isDatabaseUrl(source: string): boolean {
  return /^(postgres|postgresql|mysql|mariadb|sqlite|file):/i.test(source);
}

/** Which dialect a live source belongs to, from its scheme or (SQLite) its file extension. */
export function liveDialect(source: string): DialectId | undefined {
  if (/^postgres(ql)?:/i.test(source)) return 'postgres';
  if (/^(mysql|mariadb):/i.test(source)) return 'mysql';
  if (isSqliteLocation(source)) return 'sqlite';
  return undefined;
}

/**
 * Text sources (SQL and Prisma) go through the load cache, keyed on the text read now; a live
 * database is read every time, since it changes.
 */
export async function loadSchema(source: string, options: LoadOptions): Promise<Schema> {
  const live = liveDialect(source);
  if (live) {
    if (live !== options.dialect) {
      throw new UserError('BAD_INPUT', `${redactUrl(source)} is a ${live} database and cannot be read as ${options.dialect}`, { hint: `pass --dialect ${live}` });
    }
    return LIVE_LOADERS[live](source);
  }
  if (/\.prisma$/i.test(source)) {
    const text = await readFile(source, 'utf8').catch(() => {
      throw new UserError('NOT_FOUND', `no such file: ${source}`);
    });
    return loadPrismaCached(text, source, options);
  }
  if (isInlinePrisma(source)) return loadPrismaCached(source, '<inline schema.prisma>', options);
  return loadSqlTextsCached(await readSqlSource(source, options), options);
}

/** SQL text through its dialect's database loader, once per process for the same texts. */
export function loadSqlTextsCached(texts: readonly SqlText[], options: LoadOptions): Promise<Schema> {
  return cachedSchemaLoad(loadKey({ loader: 'sql', dialect: options.dialect, scratchUrl: scratchServer(options), texts }), () => loadSqlTexts(texts, options));
}

function loadPrismaCached(text: string, file: string, options: LoadOptions): Promise<Schema> {
  const key = loadKey({ loader: 'prisma', dialect: options.dialect, scratchUrl: scratchServer(options), texts: [{ file, text }] });
  return cachedSchemaLoad(key, () => loadPrismaLazily(text, file, options));
}

/** The server a text load runs on, as the loaders choose it: part of what a cached load depends on. */
function scratchServer(options: LoadOptions): string | undefined {
  if (options.dialect === 'sqlite') return undefined;
  return options.scratchUrl ?? (options.dialect === 'mysql' ? mysqlScratchFromEnv() : undefined);
}

/** Imported on first use: the Prisma grammar is the slowest module to load, and most runs never need it. */
async function loadPrismaLazily(text: string, file: string, options: LoadOptions): Promise<Schema> {
  const { loadPrisma } = await import('./prisma/load-prisma.js');
  return loadPrisma(text, { file, dialect: options.dialect, scratchUrl: options.scratchUrl });
}

/** Prisma schema text passed inline: blocks such as `model User {` or `datasource db {`, which SQL never has. */
export function isInlinePrisma(source: string): boolean {
  return /(^|\n)\s*(model|datasource|generator)\s+\w+\s*\{/.test(source);
}

type SqlLoader = (texts: readonly SqlText[], options: LoadOptions) => Promise<Schema>;

/** Each loader is imported when first used: a run needs one dialect, often none of the database ones. */
const SQL_LOADERS: Record<DialectId, SqlLoader> = {
  postgres: async (texts, options) => (await import('./sql/load-postgres-sql.js')).loadPostgresSql(texts, { serverUrl: options.scratchUrl }),
  mysql: async (texts, options) => (await import('./sql/load-mysql-sql.js')).loadMysqlSql(texts, { serverUrl: options.scratchUrl ?? mysqlScratchFromEnv() }),
  sqlite: async (texts) => (await import('./sql/load-sqlite-sql.js')).loadSqliteSql(texts),
};

const LIVE_LOADERS: Record<DialectId, (source: string) => Promise<Schema>> = {
  postgres: async (url) => (await import('./live/postgres.js')).loadLivePostgres(url),
  mysql: async (url) => (await import('./live/mysql.js')).loadLiveMysql(url),
  sqlite: async (source) => {
    const [{ openSqliteReadOnly }, { introspectSqlite }] = await Promise.all([import('../dialects/sqlite/open.js'), import('../dialects/sqlite/introspect.js')]);
    const db = openSqliteReadOnly(source);
    try {
      return introspectSqlite(db);
    } finally {
      db.close();
    }
  },
};

export async function loadSqlTexts(texts: readonly SqlText[], options: LoadOptions): Promise<Schema> {
  return SQL_LOADERS[options.dialect](texts, options);
}

/** A MySQL/MariaDB server the user marked as disposable for scratch databases. */
function mysqlScratchFromEnv(): string | undefined {
  return process.env.MIGRATION_GENERATOR_MYSQL_URL || undefined;
}

/** Reads SQL from a file, a folder (files in name order, `.down.sql` left out), stdin or inline text. */
export async function readSqlSource(source: string, options: Pick<LoadOptions, 'stdin'> = {}): Promise<SqlText[]> {
  if (source === '-') {
    if (!options.stdin) throw new UserError('BAD_INPUT', 'standard input is not available here');
    return [{ file: '<stdin>', text: await options.stdin() }];
  }
  const info = await stat(source).catch(() => undefined);
  if (info?.isDirectory()) return readSqlFolder(source);
  if (info?.isFile()) return [{ file: source, text: upSectionsOnly(await readFile(source, 'utf8')) }];
  if (looksLikeSql(source)) return [{ file: '<inline>', text: source }];
  throw new UserError('NOT_FOUND', `no such file or folder: ${shorten(source)}`, { hint: 'pass a .sql file, a folder of .sql files, inline SQL, - for stdin, or a database URL' });
}

async function readSqlFolder(folder: string): Promise<SqlText[]> {
  const files = (await listFiles(folder, 2))
    .filter((path) => path.endsWith('.sql') && !/\.down\.sql$/i.test(path))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (files.length === 0) throw new UserError('NOT_FOUND', `no .sql files in ${folder}`);
  return Promise.all(files.map(async (path) => ({ file: path, text: upSectionsOnly(await readFile(path, 'utf8')) })));
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

/** Names echoed in messages stay short: a source may be megabytes of text that did not look like SQL. */
function shorten(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

function looksLikeSql(text: string): boolean {
  return /[\s;(]/.test(text.trim()) || text.trim() === '';
}
