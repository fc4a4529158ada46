import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectChanges } from '../../../src/ops/detect-changes.js';
import { parsePrisma } from '../../../src/sources/prisma/prisma-schema.js';
import { prismaToMysql } from '../../../src/sources/prisma/prisma-to-mysql.js';
import { prismaToSqlite } from '../../../src/sources/prisma/prisma-to-sqlite.js';
import { loadSchema } from '../../../src/sources/resolve.js';

const TEMPLATE = readFileSync(new URL('./shop.prisma.txt', import.meta.url), 'utf8');
const MYSQL_TEST_URL = process.env.MYSQL_TEST_URL;

function schemaFile(provider: string, text = TEMPLATE): string {
  const dir = mkdtempSync(join(tmpdir(), 'mg-prisma-'));
  const path = join(dir, 'schema.prisma');
  writeFileSync(path, text.replace('PROVIDER', provider));
  return path;
}

const NEXT = (text: string) => text.replace('  title      String\n', '  title      String\n  slug       String     @unique\n');

describe('schema.prisma for SQLite', () => {
  it('renders the DDL Prisma Migrate writes', () => {
    const sql = prismaToSqlite(parsePrisma(TEMPLATE.replace('PROVIDER', 'sqlite')));
    expect(sql).toContain('"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT');
    expect(sql).toContain(`"role" TEXT NOT NULL DEFAULT 'USER'`);
    expect(sql).toContain('"created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP');
    expect(sql).toContain('CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE');
    expect(sql).toContain('CONSTRAINT "Tag_pkey" PRIMARY KEY ("postId", "label")');
    expect(sql).toContain('CREATE UNIQUE INDEX "users_email_key" ON "users"("email");');
    expect(sql).toContain('CREATE INDEX "users_name_created_at_idx" ON "users"("name", "created_at");');
    expect(sql).toContain('CREATE UNIQUE INDEX "_CategoryToPost_AB_unique" ON "_CategoryToPost"("A", "B");');
  });

  it('loads into the model with Prisma naming', async () => {
    const schema = await loadSchema(schemaFile('sqlite'), { dialect: 'sqlite' });
    expect(Object.keys(schema.tables).sort()).toEqual(['Category', 'Post', 'Tag', '_CategoryToPost', 'users']);
    const users = schema.tables.users!;
    expect(Object.keys(users.indexes).sort()).toEqual(['users_email_key', 'users_name_created_at_idx']);
    expect(users.columns.find((c) => c.name === 'active')).toMatchObject({ notNull: true, default: 'true' });
    const fk = Object.values(schema.tables.Post!.constraints).find((c) => c.kind === 'foreign_key');
    expect(fk).toMatchObject({ references: { table: 'users', onDelete: 'SET NULL', onUpdate: 'CASCADE' } });
  });

  it('compares two schemas: detect-changes --dialect sqlite', async () => {
    const result = await detectChanges({ from: schemaFile('sqlite'), to: schemaFile('sqlite', NEXT(TEMPLATE)), dialect: 'sqlite' });
    expect(result.changes.map((c) => c.summary)).toEqual(['add column Post.slug TEXT NOT NULL', 'create index Post_slug_key on Post']);
  });

  it('refuses native types, which Prisma has none of for SQLite', () => {
    const text = TEMPLATE.replace('PROVIDER', 'sqlite').replace('  name      String?\n', '  name      String? @db.VarChar(10)\n');
    expect(() => prismaToSqlite(parsePrisma(text))).toThrow(/no native type attributes/);
  });
});

describe('schema.prisma for MySQL', () => {
  it('renders the DDL Prisma Migrate writes', () => {
    const sql = prismaToMysql(parsePrisma(TEMPLATE.replace('PROVIDER', 'mysql').replace('  name      String?\n', '  name      String? @db.VarChar(100)\n')));
    expect(sql).toContain('`id` INTEGER NOT NULL AUTO_INCREMENT');
    expect(sql).toContain('`email` VARCHAR(191) NOT NULL');
    expect(sql).toContain('`name` VARCHAR(100) NULL');
    expect(sql).toContain("`role` ENUM('USER', 'admin') NOT NULL DEFAULT 'USER'");
    expect(sql).toContain('`created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)');
    expect(sql).toContain('UNIQUE INDEX `users_email_key`(`email`)');
    expect(sql).toContain('INDEX `users_name_created_at_idx`(`name`, `created_at`)');
    expect(sql).toContain('PRIMARY KEY (`postId`, `label`)');
    expect(sql).toContain(') DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;');
    expect(sql).toContain('ALTER TABLE `Post` ADD CONSTRAINT `Post_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `users`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;');
    expect(sql).toContain('UNIQUE INDEX `_CategoryToPost_AB_unique`(`A`, `B`)');
  });

  it('loads into the model with Prisma naming (no server: the text reader)', async () => {
    const schema = await loadSchema(schemaFile('mysql'), { dialect: 'mysql' });
    expect(Object.keys(schema.tables).sort()).toEqual(['Category', 'Post', 'Tag', '_CategoryToPost', 'users']);
    const users = schema.tables.users!;
    expect(Object.keys(users.indexes)).toEqual(expect.arrayContaining(['users_email_key', 'users_name_created_at_idx']));
    expect(users.columns.find((c) => c.name === 'email')?.type).toMatch(/^varchar\(191\)/);
    expect(Object.keys(schema.tables.Post!.constraints)).toContain('Post_authorId_fkey');
  });

  it('compares two schemas: detect-changes --dialect mysql', async () => {
    const result = await detectChanges({ from: schemaFile('mysql'), to: schemaFile('mysql', NEXT(TEMPLATE)), dialect: 'mysql' });
    const summaries = result.changes.map((c) => c.summary);
    expect(summaries.some((s) => /add column Post\.slug varchar\(191\)/.test(s))).toBe(true);
    expect(summaries.some((s) => /Post_slug_key/.test(s))).toBe(true);
  });

  it.skipIf(!MYSQL_TEST_URL)('loads the same model through a scratch database on the MariaDB server', async () => {
    const path = schemaFile('mysql');
    const text = await loadSchema(path, { dialect: 'mysql' });
    const server = await loadSchema(path, { dialect: 'mysql', scratchUrl: MYSQL_TEST_URL });
    expect(Object.keys(server.tables).sort()).toEqual(Object.keys(text.tables).sort());
    expect(Object.keys(server.tables.users!.indexes).sort()).toEqual(Object.keys(text.tables.users!.indexes).sort());
  });

  it('refuses list fields, which MySQL cannot hold', () => {
    const text = TEMPLATE.replace('PROVIDER', 'mysql').replace('  name      String?\n', '  name      String[]\n');
    expect(() => prismaToMysql(parsePrisma(text))).toThrow(/no list columns/);
  });
});
