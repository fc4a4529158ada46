/**
 * A broad matrix of up migrations: for each, the down that `rollback` writes from the schema before
 * must bring the schema back exactly (introspected and diffed: no changes), on PGlite and on the real
 * server. The check applies base, up and down itself, apart from the op's own proof.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { introspectPostgres } from '../../src/dialects/postgres/introspect.js';
import { describeChange } from '../../src/diff/describe.js';
import { diffSchemas } from '../../src/diff/diff.js';
import { rollback } from '../../src/ops/rollback.js';
import { applyScript } from '../../src/validate/validate-migration.js';
import { acquireScratch, closeScratchPool } from '../../src/validate/scratch-postgres.js';
import { PG_TEST_URL } from '../helpers/server.js';

afterAll(closeScratchPool);

export const BASE = `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive_int AS int CHECK (VALUE > 0);
CREATE SEQUENCE invoice_numbers START 100;
CREATE TABLE users (
  id int PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name varchar(100),
  status text DEFAULT 'active',
  feeling mood,
  score numeric(10,2) CONSTRAINT users_score_check CHECK (score >= 0),
  created_at timestamptz DEFAULT now()
);
CREATE TABLE posts (
  id bigserial PRIMARY KEY,
  user_id int NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL,
  body text
);
CREATE INDEX posts_user_id_idx ON posts (user_id);
CREATE VIEW active_users AS SELECT id, email FROM users WHERE status = 'active';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON TABLE users IS 'people';
`;

export const MATRIX: readonly (readonly [string, string])[] = [
  ['create table', 'CREATE TABLE tags (id serial PRIMARY KEY, label text NOT NULL UNIQUE);'],
  ['drop table', 'DROP TABLE posts;'],
  ['rename table', 'ALTER TABLE posts RENAME TO articles;'],
  ['add nullable column', 'ALTER TABLE users ADD COLUMN nickname text;'],
  ['add NOT NULL column with default', "ALTER TABLE users ADD COLUMN verified boolean NOT NULL DEFAULT false;"],
  ['drop column', 'ALTER TABLE users DROP COLUMN name;'],
  ['rename column', 'ALTER TABLE users RENAME COLUMN name TO full_name;'],
  ['widen a type', 'ALTER TABLE users ALTER COLUMN name TYPE varchar(200);'],
  ['narrow a type', 'ALTER TABLE users ALTER COLUMN name TYPE varchar(20);'],
  ['change a type with USING', 'ALTER TABLE posts ALTER COLUMN body TYPE jsonb USING to_jsonb(body);'],
  ['rename a table and one of its columns', 'ALTER TABLE posts RENAME COLUMN title TO headline;\nALTER TABLE posts RENAME TO articles;'],
  ['rename an index', 'ALTER INDEX posts_user_id_idx RENAME TO posts_by_user;'],
  ['rename a constraint', 'ALTER TABLE users RENAME CONSTRAINT users_score_check TO score_not_negative;'],
  ['rename an enum type', 'ALTER TYPE mood RENAME TO feeling;'],
  ['rename a view', 'ALTER VIEW active_users RENAME TO current_users;'],
  ['set a default', "ALTER TABLE users ALTER COLUMN name SET DEFAULT 'anonymous';"],
  ['drop a default', 'ALTER TABLE users ALTER COLUMN status DROP DEFAULT;'],
  ['set NOT NULL', 'ALTER TABLE users ALTER COLUMN name SET NOT NULL;'],
  ['drop NOT NULL', 'ALTER TABLE users ALTER COLUMN email DROP NOT NULL;'],
  ['add a CHECK constraint', "ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('active', 'gone'));"],
  ['drop a CHECK constraint', 'ALTER TABLE users DROP CONSTRAINT users_score_check;'],
  ['add a UNIQUE constraint', 'ALTER TABLE posts ADD CONSTRAINT posts_title_key UNIQUE (title);'],
  ['drop a UNIQUE constraint', 'ALTER TABLE users DROP CONSTRAINT users_email_key;'],
  ['add a foreign key NOT VALID, then validate', 'CREATE TABLE comments (id int PRIMARY KEY, post_id bigint);\nALTER TABLE comments ADD CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id) NOT VALID;\nALTER TABLE comments VALIDATE CONSTRAINT comments_post_fk;'],
  ['drop a foreign key', 'ALTER TABLE posts DROP CONSTRAINT posts_user_id_fkey;'],
  ['change a foreign key action', 'ALTER TABLE posts DROP CONSTRAINT posts_user_id_fkey, ADD CONSTRAINT posts_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT;'],
  ['create an index', 'CREATE INDEX users_name_idx ON users (lower(name));'],
  ['drop an index', 'DROP INDEX posts_user_id_idx;'],
  ['create a unique partial index', "CREATE UNIQUE INDEX users_active_email ON users (email) WHERE status = 'active';"],
  ['add an enum value', "ALTER TYPE mood ADD VALUE 'angry' AFTER 'sad';"],
  ['rename an enum value', "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';"],
  ['remove an enum value (recreate the type)', "CREATE TYPE mood_new AS ENUM ('sad', 'happy');\nALTER TABLE users ALTER COLUMN feeling TYPE mood_new USING feeling::text::mood_new;\nDROP TYPE mood;\nALTER TYPE mood_new RENAME TO mood;"],
  ['create an enum and a column of it', "CREATE TYPE size AS ENUM ('s', 'm', 'l');\nALTER TABLE posts ADD COLUMN size size DEFAULT 'm';"],
  ['create a view', 'CREATE VIEW post_titles AS SELECT id, title FROM posts;'],
  ['replace a view', "CREATE OR REPLACE VIEW active_users AS SELECT id, email, name FROM users WHERE status = 'active';"],
  ['drop a view', 'DROP VIEW active_users;'],
  ['change a column a view reads', 'DROP VIEW active_users;\nALTER TABLE users ALTER COLUMN email TYPE varchar(320);\nCREATE VIEW active_users AS SELECT id, email FROM users WHERE status = \'active\';'],
  ['create a materialized view', 'CREATE MATERIALIZED VIEW post_counts AS SELECT user_id, count(*) AS n FROM posts GROUP BY user_id;'],
  ['create a function', 'CREATE FUNCTION post_count(uid int) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM posts WHERE user_id = uid $$;'],
  ['replace a function body', 'CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.status := coalesce(NEW.status, \'active\'); RETURN NEW; END $$;'],
  ['drop a function and its trigger', 'DROP FUNCTION touch() CASCADE;'],
  ['create a trigger', 'CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch();'],
  ['drop a trigger', 'DROP TRIGGER users_touch ON users;'],
  ['comment on a column', "COMMENT ON COLUMN users.email IS 'login';"],
  ['change a table comment', "COMMENT ON TABLE users IS 'accounts';"],
  ['drop a table comment', 'COMMENT ON TABLE users IS NULL;'],
  ['alter a sequence', 'ALTER SEQUENCE invoice_numbers INCREMENT BY 5 MAXVALUE 100000;'],
  ['create a schema with a table', 'CREATE SCHEMA billing;\nCREATE TABLE billing.invoices (id int PRIMARY KEY, user_id int REFERENCES public.users (id));'],
  ['use a domain in a new column', 'ALTER TABLE posts ADD COLUMN likes positive_int;'],
  ['alter a domain', 'ALTER DOMAIN positive_int DROP CONSTRAINT positive_int_check;'],
  ['row level security and a policy', 'ALTER TABLE posts ENABLE ROW LEVEL SECURITY;\nCREATE POLICY own_posts ON posts USING (user_id > 0);'],
  ['grant', 'GRANT SELECT ON users TO PUBLIC;'],
  ['add an identity column', 'CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());'],
  ['add a generated column', "ALTER TABLE users ADD COLUMN email_domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) STORED;"],
  ['several changes in one transaction', "BEGIN;\nALTER TABLE users ADD COLUMN age int CHECK (age > 0);\nCREATE INDEX users_age_idx ON users (age);\nALTER TABLE posts DROP COLUMN body;\nALTER TABLE posts RENAME COLUMN title TO headline;\nCOMMIT;"],
  ['an index built concurrently', 'CREATE INDEX CONCURRENTLY posts_title_idx ON posts (title);'],
];

async function roundTrip(up: string, serverUrl?: string) {
  const result = await rollback({ sql: up, from: BASE, verify: false, scratchUrl: serverUrl });
  const scratch = await acquireScratch({ serverUrl });
  try {
    const steps = [await applyScript(scratch.client, BASE)];
    const before = await introspectPostgres(scratch.client);
    steps.push(await applyScript(scratch.client, up));
    const after = await introspectPostgres(scratch.client);
    steps.push(await applyScript(scratch.client, result.down));
    const restored = await introspectPostgres(scratch.client);
    return {
      result,
      errors: steps.filter((s) => !s.ok).map((s) => s.error),
      changedByUp: diffSchemas(before, after).changes.length,
      leftOver: diffSchemas(restored, before).changes.map((c) => describeChange(c).summary),
    };
  } finally {
    await scratch.release();
  }
}

describe('the down written from the schema before restores it exactly (PGlite)', () => {
  it('covers at least 30 kinds of up migration', () => expect(MATRIX.length).toBeGreaterThanOrEqual(30));

  it.each(MATRIX)('%s', async (_name, up) => {
    const { errors, changedByUp, leftOver } = await roundTrip(up);
    expect(errors).toEqual([]);
    expect(changedByUp).toBeGreaterThan(0);
    expect(leftOver).toEqual([]);
  });
});

describe.skipIf(!PG_TEST_URL)('the same matrix on the PostgreSQL server', () => {
  it.each(MATRIX)('%s', async (_name, up) => {
    const { errors, changedByUp, leftOver } = await roundTrip(up, PG_TEST_URL);
    expect(errors).toEqual([]);
    expect(changedByUp).toBeGreaterThan(0);
    expect(leftOver).toEqual([]);
  });
});

describe('what destroys data is reported, not hidden', () => {
  it.each([
    ['drop table', 'DROP TABLE posts;', 'public.posts'],
    ['drop column', 'ALTER TABLE users DROP COLUMN name;', 'public.users.name'],
    ['narrow a type', 'ALTER TABLE users ALTER COLUMN name TYPE varchar(20);', 'public.users.name'],
    ['remove an enum value', MATRIX.find(([n]) => n.startsWith('remove an enum'))![1], 'public.mood'],
  ])('%s: in dataLoss and irreversible, with the data-keeping variant offered', async (_name, up, object) => {
    const result = await rollback({ sql: up, from: BASE, verify: false });
    expect(result.dataLoss.map((d) => d.object)).toContain(object);
    expect(result.irreversible.some((i) => /--keep-data/.test(i.reason))).toBe(true);
  });

  it('statement by statement, each statement that cannot be undone is listed with its line', async () => {
    const up = [
      'ALTER TABLE users DROP COLUMN name;',
      "ALTER TYPE mood ADD VALUE 'angry';",
      'ALTER TABLE users ALTER COLUMN email TYPE varchar(10);',
      'DROP TABLE posts;',
      "UPDATE users SET status = 'x';",
      "CREATE OR REPLACE VIEW active_users AS SELECT id FROM users;",
      'ALTER TABLE users ALTER COLUMN status DROP DEFAULT;',
      "COMMENT ON TABLE users IS 'x';",
      'ALTER TABLE users ADD COLUMN ok int;',
    ].join('\n');
    const result = await rollback({ sql: up });
    expect(result.mode).toBe('statements');
    expect(result.irreversible.map((i) => i.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.down).toContain('ALTER TABLE users DROP COLUMN ok;');
    expect(result.dataLoss.length).toBeGreaterThan(0);
  });
});
