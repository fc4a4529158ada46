import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { diffSchemas } from '../../src/diff/diff.js';
import { introspectPostgres } from '../../src/dialects/postgres/introspect.js';
import { pgliteClient, startPglite } from '../../src/dialects/postgres/pglite.js';
import { loadSchema } from '../../src/sources/resolve.js';
import { loadPostgresSql } from '../../src/sources/sql/load-postgres-sql.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';
import { KITCHEN_SINK } from '../helpers/kitchen-sink.js';
import { PG_TEST_URL, serverDatabaseWith } from '../helpers/server.js';

afterAll(closeScratchPool);

const load = (text: string) => loadPostgresSql([{ file: 'schema.sql', text }]);

describe('PostgreSQL semantics of SQL text', () => {
  it('normalises types, implicit names and defaults the way PostgreSQL does', async () => {
    const schema = await load(`
      CREATE TABLE users (id serial PRIMARY KEY, n int4, email varchar(255), UNIQUE (email), price decimal(10,2) DEFAULT 0,
        flag bool DEFAULT 'true', at timestamp DEFAULT CURRENT_TIMESTAMP, name varchar DEFAULT 'x');`);
    const users = schema.tables['public.users']!;
    const column = (name: string) => users.columns.find((c) => c.name === name)!;
    expect(column('id')).toMatchObject({ type: 'integer', notNull: true, default: "nextval('public.users_id_seq'::regclass)" });
    expect(column('n').type).toBe('integer');
    expect(column('email').type).toBe('character varying(255)');
    expect(column('price')).toMatchObject({ type: 'numeric(10,2)', default: '0' });
    expect(column('flag')).toMatchObject({ type: 'boolean', default: 'true' });
    expect(column('at')).toMatchObject({ type: 'timestamp without time zone', default: 'CURRENT_TIMESTAMP' });
    expect(column('name').default).toBe("'x'::character varying");
    expect(Object.keys(users.constraints).sort()).toEqual(['users_email_key', 'users_pkey']);
    expect(users.constraints.users_pkey).toMatchObject({ kind: 'primary_key', columns: ['id'], definition: 'PRIMARY KEY (id)' });
    expect(schema.sequences['public.users_id_seq']).toMatchObject({ ownedBy: 'public.users.id', dataType: 'integer' });
  });

  it('reads every object kind of the kitchen-sink schema', async () => {
    const schema = await load(KITCHEN_SINK);
    expect(Object.keys(schema.namespaces)).toEqual(['billing', 'public']);
    expect(schema.namespaces.billing!.comment).toBe('money things');
    expect(Object.keys(schema.extensions)).toEqual(['citext']);
    expect(schema.extensions.citext!.version).toBeUndefined();
    expect(schema.enums['public.mood']!.labels).toEqual(['sad', 'ok', 'happy']);
    expect(schema.domains['public.posint']).toMatchObject({ baseType: 'integer', notNull: true, default: '1', checks: { posint_check: 'CHECK ((VALUE > 0))' } });
    expect(schema.compositeTypes['public.pair']!.attributes.map((a) => a.type)).toEqual(['integer', 'text']);
    expect(schema.sequences['billing.invoice_no']).toMatchObject({ start: '100', increment: '5' });
    const users = schema.tables['public.users']!;
    const col = (name: string) => users.columns.find((c) => c.name === name)!;
    expect(col('doubled').generated).toBe('(id * 2)');
    expect(col('ext_id').identity).toMatchObject({ always: false, sequence: { dataType: 'bigint', start: '1' } });
    expect(col('code').collation).toBe('pg_catalog."C"');
    expect(col('email')).toMatchObject({ type: 'public.citext', comment: 'login' });
    expect(col('name').grants).toEqual([{ grantee: 'reporting', privilege: 'UPDATE', grantable: false }]);
    expect(users.grants).toEqual([{ grantee: 'reporting', privilege: 'SELECT', grantable: false }]);
    expect(users.comment).toBe('people');
    expect(users.indexes.users_lower_email).toMatchObject({ unique: true, include: ['name'] });
    expect(users.indexes.users_lower_email!.definition).toContain('(lower((email)::text)) INCLUDE (name)');
    expect(Object.values(users.indexes).map((i) => i.method).sort()).toEqual(['brin', 'btree', 'btree', 'gin', 'hash']);
    expect(users.triggers.users_stamp!.definition).toContain('EXECUTE FUNCTION public.stamp()');
    const invoices = schema.tables['billing.invoices']!;
    expect(invoices.constraints.invoices_user_id_fkey).toMatchObject({
      kind: 'foreign_key',
      deferrable: true,
      initiallyDeferred: true,
      references: { table: 'public.users', columns: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
    });
    expect(invoices.constraints.amount_sane).toMatchObject({ kind: 'check', validated: false });
    expect(Object.values(invoices.constraints).some((c) => c.kind === 'exclusion')).toBe(true);
    expect(invoices.indexes.invoices_user!.where).toBe('((amount)::integer > 10)');
    expect(invoices.rowSecurity).toBe(true);
    expect(invoices.policies.own_invoices).toMatchObject({ command: 'SELECT', roles: ['reporting'], using: '(user_id > 0)' });
    expect(schema.views['public.active_users']).toMatchObject({ materialized: false, columns: ['id', 'email'] });
    expect(schema.views['public.invoice_totals']!.indexes.invoice_totals_user).toBeDefined();
    expect(schema.routines['public.add_one(a integer)']).toMatchObject({ kind: 'function', language: 'sql', returns: 'integer' });
    expect(schema.routines['public.touch_users()']).toMatchObject({ kind: 'procedure' });
    expect(schema.tables['public.events']!.partitioning).toEqual({ by: 'RANGE (at)' });
    expect(schema.tables['public.events_2024']!.partitioning).toMatchObject({ of: 'public.events' });
    expect(schema.tables['public.events_2024']!.columns).toEqual([]);
    expect(schema.tables['public.events_2024']!.indexes).toEqual({});
    expect(schema.dependencies['view:public.active_users']).toEqual(expect.arrayContaining(['table:public.users', 'column:public.users.m']));
    expect(schema.unsupported).toEqual([]);
  });

  it('lists what the model does not represent instead of dropping it', async () => {
    const schema = await load(`CREATE TABLE t (id int); CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING; ALTER TABLE t OWNER TO someone;`);
    expect(schema.unsupported.map((u) => u.kind).sort()).toEqual(['ownership', 'rule']);
    expect(schema.unsupported.find((u) => u.kind === 'ownership')!.location).toEqual({ file: 'schema.sql', line: 1, column: 78 });
  });

  it('reports syntax errors with file, line and column', async () => {
    const error = await load('CREATE TABLE a (id int);\n\nCREATE TABEL b (id int);').catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.code).toBe('SYNTAX_ERROR');
    expect(error.format()).toBe('schema.sql:3:8: syntax error at or near "TABEL"');
  });

  it('counts columns in characters when the text holds non-ASCII', async () => {
    const error = await load("CREATE TABLE café (ñame text DEFAULT 'é');\nCREATE TABLE x (y intt);").catch((e) => e);
    expect(error.code).toBe('SQL_ERROR');
    expect(error.format()).toBe('schema.sql:2:19: type "intt" does not exist');
  });

  it('reports statements PostgreSQL rejects at their position', async () => {
    const error = await load('CREATE TABLE a (id int);\nCREATE INDEX ON missing (id);').catch((e) => e);
    expect(error.format()).toMatch(/^schema\.sql:2:1: relation "missing" does not exist/);
  });

  it('refuses extensions the embedded PostgreSQL lacks, naming the statement', async () => {
    const error = await load('\nCREATE EXTENSION postgis;').catch((e) => e);
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.format()).toMatch(/^schema\.sql:2:1: extension "postgis" is not available/);
  });

  it('gives the same model for a folder loaded twice (the scratch database is reset)', async () => {
    const first = await load(KITCHEN_SINK);
    await load('CREATE TABLE leftover (id int); CREATE SCHEMA junk; SET search_path = junk;');
    const second = await load(KITCHEN_SINK);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});

describe('SQL text and a live database agree', () => {
  it('on PGlite: the loader equals reading a database the SQL was applied to', async () => {
    const fromText = await load(KITCHEN_SINK);
    const db = await startPglite(['citext']);
    try {
      await db.exec(KITCHEN_SINK);
      const live = await introspectPostgres(pgliteClient(db));
      const pinless = { ...live, extensions: { citext: { name: 'citext', schema: 'public' } } };
      expect(pinless).toEqual(fromText);
    } finally {
      await db.close();
    }
  });

  it.skipIf(!PG_TEST_URL)('on the PostgreSQL server: a postgres:// URL equals the SQL loaded there', async () => {
    const setup = `DO $$ BEGIN CREATE ROLE reporting NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;\n${KITCHEN_SINK.replace('CREATE ROLE reporting NOLOGIN;', '')}`;
    const server = await serverDatabaseWith(setup);
    try {
      const live = await loadSchema(server.url, { dialect: 'postgres' });
      const fromText = await loadSchema(setup, { dialect: 'postgres', scratchUrl: PG_TEST_URL });
      const { citext, ...rest } = live.extensions;
      expect({ ...live, extensions: { ...rest, citext: { name: citext!.name, schema: citext!.schema } } }).toEqual(fromText);
      expect(Object.keys(live.tables).length).toBe(4);
    } finally {
      await server.drop();
    }
  });
});

describe('PostgreSQL 15 and the embedded PostgreSQL 18 agree on views', () => {
  const VIEWS = `
    CREATE TABLE t (id int, a text, b int);
    CREATE TABLE u (id int, t_id int, x text);
    CREATE VIEW v1 AS SELECT id, a FROM t WHERE b > 0;
    CREATE VIEW v2 AS SELECT t.id, u.x FROM t JOIN u ON u.t_id = t.id;
    CREATE VIEW v3 AS SELECT id, (SELECT count(*) FROM u WHERE u.t_id = t.id) AS n FROM t;
    CREATE VIEW v4 AS SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1 ORDER BY a;
    CREATE VIEW v5 AS WITH c AS (SELECT id FROM t) SELECT c.id FROM c;
    CREATE VIEW v6 AS SELECT x.id FROM t x;`;

  it.skipIf(!PG_TEST_URL)('a live PostgreSQL 15 database and SQL loaded in PGlite show no view changes', async () => {
    const server = await serverDatabaseWith(VIEWS);
    try {
      const live = await loadSchema(server.url, { dialect: 'postgres' });
      const text = await loadSchema(VIEWS, { dialect: 'postgres' });
      expect(live.views['public.v1']!.definition).not.toBe(text.views['public.v1']!.definition);
      expect(diffSchemas(live, text).changes).toEqual([]);
      const changed = await loadSchema(VIEWS.replace('WHERE b > 0', 'WHERE b > 1'), { dialect: 'postgres' });
      expect(diffSchemas(live, changed).changes.map((c) => c.kind)).toEqual(['replace_view']);
    } finally {
      await server.drop();
    }
  });
});
