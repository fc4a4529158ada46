import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSchema } from '../../src/sources/resolve.js';
import { upSectionsOnly } from '../../src/sources/sql/up-sections.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';

afterAll(closeScratchPool);

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mg-migrations-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('a migrations folder as a source', () => {
  it('applies golang-migrate up files in order and leaves the down files out', async () => {
    const dir = folder({
      '000001_users.up.sql': 'CREATE TABLE users (id int PRIMARY KEY);',
      '000001_users.down.sql': 'DROP TABLE users;',
      '000002_email.up.sql': 'ALTER TABLE users ADD COLUMN email text;',
      '000002_email.down.sql': 'ALTER TABLE users DROP COLUMN email;',
    });
    const schema = await loadSchema(dir, { dialect: 'postgres' });
    expect(schema.tables['public.users']!.columns.map((c) => c.name)).toEqual(['id', 'email']);
  });

  it('keeps only the up sections of goose and dbmate files', async () => {
    const dir = folder({
      '20240101_users.sql': '-- +goose Up\nCREATE TABLE users (id int);\n-- +goose Down\nDROP TABLE users;\n',
      '20240102_email.sql': '-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n\n-- migrate:down\nALTER TABLE users DROP COLUMN email;\n',
    });
    const schema = await loadSchema(dir, { dialect: 'postgres' });
    expect(schema.tables['public.users']!.columns.map((c) => c.name)).toEqual(['id', 'email']);
  });

  it('reads Prisma-style nested migration folders', async () => {
    const dir = folder({
      '20240101000000_init/migration.sql': 'CREATE TABLE "User" (id serial PRIMARY KEY);',
      '20240102000000_name/migration.sql': 'ALTER TABLE "User" ADD COLUMN name text;',
      'migration_lock.toml': 'provider = "postgresql"',
    });
    const schema = await loadSchema(dir, { dialect: 'postgres' });
    expect(schema.tables['public.User']!.columns.map((c) => c.name)).toEqual(['id', 'name']);
  });

  it('points errors at the real line of a goose file', async () => {
    const dir = folder({ '1_bad.sql': '-- +goose Down\nDROP TABLE x;\n-- +goose Up\nCREATE TABLE t (id intt);\n' });
    const error = await loadSchema(dir, { dialect: 'postgres' }).catch((e) => e);
    expect(error.format()).toBe(`${join(dir, '1_bad.sql')}:4:20: type "intt" does not exist`);
  });

  it('leaves files without section markers alone', () => {
    expect(upSectionsOnly('CREATE TABLE t (id int);')).toBe('CREATE TABLE t (id int);');
  });
});
