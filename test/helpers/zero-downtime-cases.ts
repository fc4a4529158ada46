/** Zero-downtime patterns as data: a current and a desired schema, rows to start from, confirmed renames. */
export interface ZdtCase {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly seed: string;
  readonly renames?: readonly string[];
  /** Phases the plan must have, in order. */
  readonly phases: readonly string[];
  /** Snippets some phase's up SQL must contain. */
  readonly contains?: readonly string[];
}

const users = (columns: string, extra = '') => `CREATE TABLE users (id bigint PRIMARY KEY, ${columns});${extra}`;
const seedUsers = (columns: string, values: string) => `INSERT INTO users (id, ${columns}) SELECT g, ${values} FROM generate_series(1, 250) AS g;`;

export const ZDT_CASES: readonly ZdtCase[] = [
  {
    name: 'rename a column',
    from: users('fullname text NOT NULL', ' CREATE INDEX users_fullname_idx ON users (fullname);'),
    to: users('full_name text NOT NULL', ' CREATE INDEX users_fullname_idx ON users (full_name);'),
    seed: seedUsers('fullname', "'user ' || g"),
    renames: ['users.fullname=users.full_name'],
    phases: ['expand', 'expand-indexes', 'backfill', 'validate', 'contract'],
    contains: ['CREATE TRIGGER', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_fullname_idx_mg_new', 'DROP COLUMN fullname', 'RENAME TO users_fullname_idx', 'VALIDATE CONSTRAINT users_full_name_not_null'],
  },
  {
    name: 'set NOT NULL on an existing column',
    from: users('email text'),
    to: users('email text NOT NULL'),
    seed: seedUsers('email', "'u' || g || '@example.com'"),
    phases: ['validate'],
    contains: ['CHECK (email IS NOT NULL) NOT VALID', 'VALIDATE CONSTRAINT users_email_not_null', 'ALTER COLUMN email SET NOT NULL', 'DROP CONSTRAINT IF EXISTS users_email_not_null'],
  },
  {
    name: 'change a column type',
    from: users('score integer NOT NULL DEFAULT 0', ' CREATE INDEX users_score_idx ON users (score);'),
    to: users('score bigint NOT NULL DEFAULT 0', ' CREATE INDEX users_score_idx ON users (score);'),
    seed: seedUsers('score', 'g * 3'),
    phases: ['expand', 'expand-indexes', 'backfill', 'validate', 'contract'],
    contains: ['ADD COLUMN score_mg_new bigint', 'score_mg_new = score::bigint', 'RENAME COLUMN score_mg_new TO score', 'SET DEFAULT 0'],
  },
  {
    name: 'add a foreign key and a check constraint',
    from: `${users('email text')} CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, amount numeric);`,
    to: `${users('email text')} CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), amount numeric CONSTRAINT orders_amount_positive CHECK (amount > 0));`,
    seed: `${seedUsers('email', "'u' || g")} INSERT INTO orders SELECT g, g, g FROM generate_series(1, 250) AS g;`,
    phases: ['expand', 'validate'],
    contains: ['FOREIGN KEY (user_id) REFERENCES public.users(id) NOT VALID', 'VALIDATE CONSTRAINT orders_user_id_fkey', 'VALIDATE CONSTRAINT orders_amount_positive'],
  },
  {
    name: 'add a unique constraint',
    from: users('email text'),
    to: users('email text CONSTRAINT users_email_key UNIQUE'),
    seed: seedUsers('email', "'u' || g"),
    phases: ['expand-indexes', 'validate'],
    contains: ['CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key', 'ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key'],
  },
  {
    name: 'add and drop indexes',
    from: users('email text, name text', ' CREATE INDEX users_name_idx ON users (name);'),
    to: users('email text, name text', ' CREATE INDEX users_email_idx ON users (lower(email));'),
    seed: seedUsers('email, name', "'u' || g, 'n' || g"),
    phases: ['expand-indexes', 'contract-indexes'],
    contains: ['DROP INDEX CONCURRENTLY IF EXISTS public.users_email_idx', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx', 'DROP INDEX CONCURRENTLY IF EXISTS public.users_name_idx'],
  },
  {
    name: 'redefine an index under the same name',
    from: users('email text, name text', ' CREATE INDEX users_name_idx ON users (name);'),
    to: users('email text, name text', ' CREATE INDEX users_name_idx ON users (name, email);'),
    seed: seedUsers('email, name', "'u' || g, 'n' || g"),
    phases: ['expand-indexes', 'contract-indexes'],
    contains: ['CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name_idx_mg_new ON public.users USING btree (name, email)', 'ALTER INDEX IF EXISTS public.users_name_idx_mg_new RENAME TO users_name_idx'],
  },
  {
    name: 'drop a column and a table',
    from: `${users('email text, legacy text')} CREATE TABLE old_stuff (id bigint PRIMARY KEY);`,
    to: users('email text'),
    seed: `${seedUsers('email, legacy', "'u' || g, 'x'")} INSERT INTO old_stuff SELECT g FROM generate_series(1, 10) AS g;`,
    phases: ['contract'],
    contains: ['-- migration-generator-disable ban-drop-column', 'DROP COLUMN legacy', '-- migration-generator-disable ban-drop-table', 'DROP TABLE public.old_stuff'],
  },
  {
    name: 'add NOT NULL columns with a constant and a volatile default',
    from: users('email text'),
    to: users("email text, status text NOT NULL DEFAULT 'new', token uuid NOT NULL DEFAULT gen_random_uuid()"),
    seed: seedUsers('email', "'u' || g"),
    phases: ['expand', 'backfill', 'validate'],
    contains: ["ADD COLUMN status text DEFAULT 'new'::text NOT NULL", 'ADD COLUMN token uuid', 'SET DEFAULT gen_random_uuid()', 'token = gen_random_uuid()', 'CHECK (token IS NOT NULL) NOT VALID'],
  },
  {
    name: 'add an enum value',
    from: `CREATE TYPE mood AS ENUM ('sad', 'happy'); ${users('mood mood')}`,
    to: `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); ${users("mood mood DEFAULT 'ok'")}`,
    seed: seedUsers('mood', "'sad'"),
    phases: ['expand-types', 'expand'],
    contains: ["ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'ok' BEFORE 'happy'", "SET DEFAULT 'ok'::public.mood"],
  },
  {
    name: 'change the type of a column a view reads',
    from: `${users('score integer')} CREATE VIEW scores AS SELECT id, score FROM users; GRANT SELECT ON scores TO PUBLIC;`,
    to: `${users('score bigint')} CREATE VIEW scores AS SELECT id, score FROM users; GRANT SELECT ON scores TO PUBLIC;`,
    seed: seedUsers('score', 'g'),
    phases: ['expand', 'backfill', 'contract'],
    contains: ['DROP VIEW public.scores', 'CREATE VIEW public.scores', 'GRANT SELECT ON TABLE public.scores TO PUBLIC'],
  },
  {
    name: 'rename a column a view reads',
    from: `${users('fullname text')} CREATE VIEW names AS SELECT id, fullname FROM users;`,
    to: `${users('full_name text')} CREATE VIEW names AS SELECT id, full_name FROM users;`,
    seed: seedUsers('fullname', "'user ' || g"),
    renames: ['users.fullname=users.full_name'],
    phases: ['expand', 'backfill', 'contract'],
    contains: ['DROP VIEW public.names', 'CREATE VIEW public.names'],
  },
  {
    name: 'rename a table',
    from: users('email text'),
    to: 'CREATE TABLE accounts (id bigint PRIMARY KEY, email text);',
    seed: seedUsers('email', "'u' || g"),
    renames: ['users=accounts'],
    phases: ['expand', 'contract'],
    contains: ['RENAME TO accounts', 'CREATE VIEW public.users AS SELECT * FROM public.accounts', 'DROP VIEW public.users'],
  },
];

/** A renamed column that also becomes NOT NULL: two changes, one CHECK dance. */
export const RENAME_AND_NOT_NULL: ZdtCase = {
  name: 'rename a nullable column that becomes NOT NULL',
  from: users('fullname text'),
  to: users('full_name text NOT NULL'),
  seed: seedUsers('fullname', "'user ' || g"),
  renames: ['users.fullname=users.full_name'],
  phases: ['expand', 'backfill', 'validate', 'contract'],
  contains: ['ADD CONSTRAINT users_full_name_not_null CHECK (full_name IS NOT NULL) NOT VALID'],
};
