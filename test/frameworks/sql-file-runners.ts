/**
 * golang-migrate and goose are not packaged here (neither Debian nor npm). These apply their files the way
 * each tool documents it, after checking the tools' file rules:
 * - golang-migrate: `{version}_{title}.up.sql` / `.down.sql`, one pair per version; the postgres driver
 *   sends a whole file as one query string. Up runs versions in ascending order; down in descending order.
 * - goose: `{version}_{name}.sql` with `-- +goose Up` / `-- +goose Down`; statements end at a line ending
 *   in `;` except between `-- +goose StatementBegin` and `-- +goose StatementEnd`; each file runs in one
 *   transaction unless it has `-- +goose NO TRANSACTION`.
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

export async function golangMigrate(dir: string, client: SqlClient, direction: 'up' | 'down'): Promise<void> {
  const files = await golangMigrateFiles(dir);
  const ordered = direction === 'up' ? files : [...files].reverse();
  for (const file of ordered) await client.exec(direction === 'up' ? file.up : file.down);
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

export async function goose(dir: string, client: SqlClient, direction: 'up' | 'down'): Promise<void> {
  const files: GooseFile[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const match = /^(\d+)_.+\.sql$/.exec(name);
    if (!match) throw new Error(`${name} does not follow goose's {version}_{name}.sql`);
    files.push({ version: BigInt(match[1] as string), ...parseGoose(await readFile(join(dir, name), 'utf8')) });
  }
  files.sort((a, b) => (a.version < b.version ? -1 : 1));
  if (new Set(files.map((f) => f.version)).size !== files.length) throw new Error('two goose files share a version');
  for (const file of direction === 'up' ? files : [...files].reverse()) {
    const statements = direction === 'up' ? file.up : file.down;
    if (file.transactional) await client.exec('BEGIN');
    try {
      for (const statement of statements) await client.exec(statement);
      if (file.transactional) await client.exec('COMMIT');
    } catch (error) {
      if (file.transactional) await client.exec('ROLLBACK');
      throw error;
    }
  }
}
