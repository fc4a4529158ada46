/** A Prisma schema passed as text (MCP clients send text, not paths) loads like the file. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { detectChanges } from '../../src/ops/detect-changes.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';

const BLOG = new URL('./prisma/blog.prisma', import.meta.url).pathname;

afterAll(closeScratchPool);

describe('inline Prisma schema', () => {
  it('equals the same schema read from its file', async () => {
    const result = await detectChanges({ from: BLOG, to: readFileSync(BLOG, 'utf8') });
    expect(result.changes).toEqual([]);
  });

  it('is told apart from SQL and compared with it', async () => {
    const prisma = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n\nmodel Tag {\n  id   Int    @id\n  name String\n}\n';
    const result = await detectChanges({ from: 'CREATE TABLE "Tag" (id integer NOT NULL, CONSTRAINT "Tag_pkey" PRIMARY KEY (id));', to: prisma });
    expect(result.changes.map((c) => c.summary)).toEqual(['add column public.Tag.name text NOT NULL']);
  });

  it('points at the line of a syntax error in the text', async () => {
    const error = await detectChanges({ from: 'CREATE TABLE a (id int);', to: 'model A {\n  id Int @id\n  name: String\n}\n' }).catch((e) => e);
    expect(error.format()).toMatch(/^<inline schema\.prisma>:3:\d+: invalid Prisma schema/);
  });
});
