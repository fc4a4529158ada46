/**
 * golang-migrate and goose are not packaged here (neither Debian nor npm). These apply their files the way
 * each tool documents it, after checking the tools' file rules:
 * - golang-migrate: `{version}_{title}.up.sql` / `.down.sql`, one pair per version; the postgres driver
 *   sends a whole file as one query string and keeps the current version in `schema_migrations`. `up` runs
 *   the versions above it in ascending order; `down` runs every applied version's down, descending.
 * - goose: `{version}_{name}.sql` with `-- +goose Up` / `-- +goose Down`; statements end at a line ending
 *   in `;` except between `-- +goose StatementBegin` and `-- +goose StatementEnd`; each file runs in one
 *   transaction unless it has `-- +goose NO TRANSACTION`; applied versions are rows of `goose_db_version`.
 *   `up` applies the versions not applied yet; `down` here is goose's `reset` (every applied version).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlClient } from '../../src/dialects/postgres/client.js';

const MIGRATE_FILE = /^(\d+)_(.+)\.(up|down)\.sql$/;

export async function golangMigrateFiles(dir: string): Promise<{ version: bigint; up: string; down: string }[]> {
  const byVersion = new Map<string, { up?: string; down?: string }>();
  for (const name of (await readdir(dir)).sort()) {
    const match = MIGRATE_FILE.exec(name);
    if (!match) throw new Error(`${name} does not follow golang-migrate's {version}_{title}.{up|down}.sql`);
    const entry = byVersion.get(match[1] as string) ?? {};
    const direction = match[3] as 'up' | 'down';
    if (entry[direction] !== undefined) throw new Error(`version ${match[1]} has two ${direction} files`);
    entry[direction] = await readFile(join(dir, name), 'utf8');
    byVersion.set(match[1] as string, entry);
  }
  return [...byVersion].map(([version, e]) => {
    if (e.up === undefined || e.down === undefined) throw new Error(`version ${version} lacks its up or down file`);
    return { version: BigInt(version), up: e.up, down: e.down };
  }).sort((a, b) => (a.version < b.version ? -1 : 1));
}

/**
 * On SQLite this is migrate's sqlite3 driver with `x-no-tx-wrap=true`, its documented option for files that
 * hold their own BEGIN/COMMIT (a SQLite table rebuild must: PRAGMA foreign_keys is a no-op in a transaction).
 */
export async function golangMigrate(dir: string, client: SqlClient, direction: 'up' | 'down', dialect: 'postgres' | 'sqlite' = 'postgres'): Promise<void> {
  const files = await golangMigrateFiles(dir);
  await client.exec(dialect === 'sqlite'
    ? 'CREATE TABLE IF NOT EXISTS schema_migrations (version uint64, dirty bool); CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version)'
    : 'CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)');
  const row = (await client.query<{ version: string }>('SELECT version FROM schema_migrations'))[0];
  const current = row ? BigInt(row.version) : -1n;
  const setVersion = async (version: bigint | undefined) => {
    await client.exec('DELETE FROM schema_migrations');
    if (version !== undefined) await client.exec(`INSERT INTO schema_migrations VALUES (${version}, false)`);
  };
  if (direction === 'up') {
    for (const file of files.filter((f) => f.version > current)) {
      await client.exec(file.up);
      await setVersion(file.version);
    }
    return;
  }
  const applied = files.filter((f) => f.version <= current).reverse();
  for (const [i, file] of applied.entries()) {
    await client.exec(file.down);
    await setVersion(applied[i + 1]?.version);
  }
}

export interface GooseFile {
  readonly version: bigint;
  readonly transactional: boolean;
  readonly up: readonly string[];
  readonly down: readonly string[];
}

/** goose's SQL parser rules, as documented. */
export function parseGoose(text: string): { transactional: boolean; up: string[]; down: string[] } {
  const sections: Record<'up' | 'down', string[]> = { up: [], down: [] };
  let section: 'up' | 'down' | undefined;
  let fenced = false;
  let transactional = true;
  let buffer: string[] = [];
  for (const line of text.split('\n')) {
    const annotation = /^--\s*\+goose\s+(.+?)\s*$/.exec(line.trim());
    if (annotation) {
      const what = (annotation[1] as string).toUpperCase();
      if (what === 'UP' || what === 'DOWN') {
        if (fenced || buffer.join('').trim()) throw new Error(`unfinished statement before -- +goose ${what}`);
        section = what === 'UP' ? 'up' : 'down';
        buffer = [];
      } else if (what === 'STATEMENTBEGIN') fenced = true;
      else if (what === 'STATEMENTEND') {
        if (!fenced || !section) throw new Error('StatementEnd without StatementBegin');
        sections[section].push(buffer.join('\n'));
        buffer = [];
        fenced = false;
      } else if (what === 'NO TRANSACTION') transactional = false;
      else throw new Error(`unknown goose annotation: ${line}`);
      continue;
    }
    if (!section) {
      if (line.trim() && !line.trim().startsWith('--')) throw new Error(`statement before -- +goose Up: ${line}`);
      continue;
    }
    if (!fenced && (line.trim() === '' || line.trim().startsWith('--')) && buffer.length === 0) continue;
    buffer.push(line);
    if (!fenced && /;\s*$/.test(line.replace(/--.*$/, ''))) {
      sections[section].push(buffer.join('\n'));
      buffer = [];
    }
  }
  if (fenced || buffer.join('').trim()) throw new Error('file ends inside a statement');
  if (sections.up.length === 0 && !/--\s*\+goose\s+Up/i.test(text)) throw new Error('no -- +goose Up section');
  return { transactional, ...sections };
}

export async function goose(dir: string, client: SqlClient, direction: 'up' | 'down', dialect: 'postgres' | 'sqlite' = 'postgres'): Promise<void> {
  const files: GooseFile[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const match = /^(\d+)_.+\.sql$/.exec(name);
    if (!match) throw new Error(`${name} does not follow goose's {version}_{name}.sql`);
    files.push({ version: BigInt(match[1] as string), ...parseGoose(await readFile(join(dir, name), 'utf8')) });
  }
  files.sort((a, b) => (a.version < b.version ? -1 : 1));
  if (new Set(files.map((f) => f.version)).size !== files.length) throw new Error('two goose files share a version');
  // goose's own table, as its postgres and sqlite3 dialects create it.
  await client.exec(dialect === 'sqlite'
    ? "CREATE TABLE IF NOT EXISTS goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL, is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')))"
    : 'CREATE TABLE IF NOT EXISTS goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp DEFAULT now())');
  const applied = new Set((await client.query<{ version_id: string }>('SELECT version_id FROM goose_db_version WHERE is_applied')).map((r) => BigInt(r.version_id)));
  const todo = direction === 'up' ? files.filter((f) => !applied.has(f.version)) : files.filter((f) => applied.has(f.version)).reverse();
  for (const file of todo) {
    const statements = direction === 'up' ? file.up : file.down;
    if (file.transactional) await client.exec('BEGIN');
    try {
      for (const statement of statements) await client.exec(statement);
      if (direction === 'up') await client.exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (${file.version}, true)`);
      else await client.exec(`DELETE FROM goose_db_version WHERE version_id = ${file.version}`);
      if (file.transactional) await client.exec('COMMIT');
    } catch (error) {
      if (file.transactional) await client.exec('ROLLBACK');
      throw error;
    }
  }
}
