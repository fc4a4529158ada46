import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePrisma } from '../../../src/sources/prisma/prisma-schema.js';
import { prismaToPostgres } from '../../../src/sources/prisma/prisma-to-postgres.js';
import { loadSchema } from '../../../src/sources/resolve.js';
import { closeScratchPool } from '../../../src/validate/scratch-postgres.js';
import { detectChanges } from '../../../src/ops/detect-changes.js';

afterAll(closeScratchPool);

const BLOG = new URL('./blog.prisma', import.meta.url).pathname;

describe('schema.prisma as a source', () => {
  it('loads with Prisma Migrate naming, types and defaults', async () => {
    const schema = await loadSchema(BLOG, { dialect: 'postgres' });
    expect(Object.keys(schema.tables)).toEqual(['public.Category', 'public.Post', 'public.Profile', 'public._CategoryToPost', 'public.users']);
    expect(schema.enums['public.roles']!.labels).toEqual(['USER', 'admin']);
    const users = schema.tables['public.users']!;
    const col = (name: string) => users.columns.find((c) => c.name === name)!;
    expect(col('id')).toMatchObject({ type: 'integer', default: `nextval('public.users_id_seq'::regclass)` });
    expect(col('email').type).toBe('character varying(255)');
    expect(col('role')).toMatchObject({ type: 'public.roles', default: "'USER'::public.roles", notNull: true });
    expect(col('balance')).toMatchObject({ type: 'numeric(65,30)', default: '0' });
    expect(col('tags')).toMatchObject({ type: 'text[]', default: "ARRAY[]::text[]" });
    expect(col('created_at')).toMatchObject({ type: 'timestamp(3) without time zone', default: 'CURRENT_TIMESTAMP' });
    expect(col('updated_at').default).toBeUndefined();
    expect(col('name').notNull).toBe(false);
    expect(Object.keys(users.constraints)).toEqual(['users_pkey']);
    expect(Object.keys(users.indexes)).toEqual(['users_email_key', 'users_name_created_at_idx']);
    expect(users.indexes.users_name_created_at_idx!.definition).toContain('(name, created_at DESC)');
    const post = schema.tables['public.Post']!;
    expect(post.constraints.Post_authorId_fkey).toMatchObject({ references: { table: 'public.users', onDelete: 'SET NULL', onUpdate: 'CASCADE' } });
    expect(post.indexes.Post_meta_idx!.method).toBe('gin');
    expect(Object.keys(post.indexes)).toContain('Post_authorId_title_key');
    expect(schema.tables['public.Profile']!.constraints.Profile_userId_fkey ?? schema.tables['public.Profile']!.constraints.Profile_user_id_fkey).toMatchObject({
      references: { onDelete: 'CASCADE' },
    });
    const join = schema.tables['public._CategoryToPost']!;
    expect(Object.keys(join.constraints).sort()).toEqual(['_CategoryToPost_AB_pkey', '_CategoryToPost_A_fkey', '_CategoryToPost_B_fkey']);
    expect(Object.keys(join.indexes)).toEqual(['_CategoryToPost_B_index']);
  });

  it('compares two Prisma schemas', async () => {
    const next = readFileSync(BLOG, 'utf8').replace('  title      String\n', '  title      String   @db.VarChar(200)\n  slug       String   @unique\n');
    const dir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/mg-prisma-`);
    const nextPath = `${dir}/schema.prisma`;
    (await import('node:fs')).writeFileSync(nextPath, next);
    const result = await detectChanges({ from: BLOG, to: nextPath });
    expect(result.changes.map((c) => c.summary)).toEqual([
      'alter column public.Post.title: type text → character varying(200)',
      'add column public.Post.slug text NOT NULL',
      'create index Post_slug_key on public.Post',
    ]);
  });

  it('points at the line and column of a Prisma syntax error', () => {
    expect(() => parsePrisma('model A {\n  id Int @id\n  name: String\n}\n', 'bad.prisma')).toThrow(/invalid Prisma schema/);
    try {
      parsePrisma('model A {\n  id Int @id\n  name: String\n}\n', 'bad.prisma');
    } catch (error) {
      expect((error as { format(): string }).format()).toMatch(/^bad\.prisma:3:\d+: invalid Prisma schema/);
    }
  });

  it('refuses a schema whose provider is not the dialect asked for', async () => {
    const error = await detectChanges({ from: BLOG, to: BLOG, dialect: 'mysql' }).catch((e) => e);
    expect(error.format()).toMatch(/provider "postgresql", not mysql/);
  });

  it('renders deterministic DDL', () => {
    const doc = parsePrisma(readFileSync(BLOG, 'utf8'));
    expect(prismaToPostgres(doc)).toBe(prismaToPostgres(parsePrisma(readFileSync(BLOG, 'utf8'))));
    expect(prismaToPostgres(doc)).toContain('CONSTRAINT "users_pkey" PRIMARY KEY ("id")');
  });
});
