import { afterAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/change.js';
import { diffSchemas } from '../../src/diff/diff.js';
import { loadPostgresSql } from '../../src/sources/sql/load-postgres-sql.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';

afterAll(closeScratchPool);

const BASE = 'CREATE TABLE t (id int PRIMARY KEY, a text, b int);';

/** [name, from, to, kinds expected from → to, kinds expected to → from] */
const CASES: [string, string, string, string[], string[]][] = [
  ['table', '', 'CREATE TABLE t (id int);', ['create_table'], ['drop_table']],
  ['column', BASE, 'CREATE TABLE t (id int PRIMARY KEY, a text, b int, c date);', ['add_column'], ['drop_column']],
  ['column type', BASE, 'CREATE TABLE t (id int PRIMARY KEY, a varchar(10), b int);', ['alter_column'], ['alter_column']],
  ['default', BASE, "CREATE TABLE t (id int PRIMARY KEY, a text DEFAULT 'x', b int);", ['alter_column'], ['alter_column']],
  ['not null', BASE, 'CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL, b int);', ['alter_column'], ['alter_column']],
  ['identity', BASE, 'CREATE TABLE t (id int PRIMARY KEY, a text, b int GENERATED ALWAYS AS IDENTITY);', ['alter_column'], ['alter_column']],
  ['generated', 'CREATE TABLE t (id int, b int);', 'CREATE TABLE t (id int, b int GENERATED ALWAYS AS (id + 1) STORED);', ['alter_column'], ['alter_column']],
  ['collation', BASE, 'CREATE TABLE t (id int PRIMARY KEY, a text COLLATE "C", b int);', ['alter_column'], ['alter_column']],
  ['primary key', 'CREATE TABLE t (id int NOT NULL);', 'CREATE TABLE t (id int PRIMARY KEY);', ['add_constraint'], ['drop_constraint']],
  ['unique', BASE, 'CREATE TABLE t (id int PRIMARY KEY, a text UNIQUE, b int);', ['add_constraint'], ['drop_constraint']],
  ['check', BASE, 'CREATE TABLE t (id int PRIMARY KEY, a text, b int CHECK (b > 0));', ['add_constraint'], ['drop_constraint']],
  ['exclusion', 'CREATE TABLE t (r int4range);', 'CREATE TABLE t (r int4range, EXCLUDE USING gist (r WITH &&));', ['add_constraint'], ['drop_constraint']],
  ['foreign key', `${BASE} CREATE TABLE u (id int, t_id int);`, `${BASE} CREATE TABLE u (id int, t_id int REFERENCES t(id) ON DELETE SET NULL);`, ['add_constraint'], ['drop_constraint']],
  ['foreign key action', `${BASE} CREATE TABLE u (t_id int REFERENCES t(id));`, `${BASE} CREATE TABLE u (t_id int REFERENCES t(id) ON UPDATE CASCADE DEFERRABLE);`, ['drop_constraint', 'add_constraint'], ['drop_constraint', 'add_constraint']],
  ['NOT VALID', `${BASE} ALTER TABLE t ADD CONSTRAINT pos CHECK (b > 0) NOT VALID;`, `${BASE} ALTER TABLE t ADD CONSTRAINT pos CHECK (b > 0);`, ['validate_constraint'], ['drop_constraint', 'add_constraint']],
  ['index', BASE, `${BASE} CREATE INDEX t_a ON t (a);`, ['add_index'], ['drop_index']],
  ['partial index', `${BASE} CREATE INDEX t_a ON t (a);`, `${BASE} CREATE INDEX t_a ON t (a) WHERE b > 0;`, ['drop_index', 'add_index'], ['drop_index', 'add_index']],
  ['expression index', BASE, `${BASE} CREATE UNIQUE INDEX t_lower ON t (lower(a)) INCLUDE (b);`, ['add_index'], ['drop_index']],
  ['index method and order', `${BASE} CREATE INDEX t_b ON t (b);`, `${BASE} CREATE INDEX t_b ON t USING brin (b);`, ['drop_index', 'add_index'], ['drop_index', 'add_index']],
  ['opclass', `${BASE} CREATE INDEX t_a ON t (a);`, `${BASE} CREATE INDEX t_a ON t (a text_pattern_ops DESC);`, ['drop_index', 'add_index'], ['drop_index', 'add_index']],
  ['enum', '', "CREATE TYPE mood AS ENUM ('a', 'b');", ['create_enum'], ['drop_enum']],
  ['enum value', "CREATE TYPE mood AS ENUM ('a', 'c');", "CREATE TYPE mood AS ENUM ('a', 'b', 'c');", ['add_enum_value'], ['recreate_enum']],
  ['domain', '', 'CREATE DOMAIN pos AS int CHECK (VALUE > 0);', ['create_domain'], ['drop_domain']],
  ['domain change', 'CREATE DOMAIN pos AS int CHECK (VALUE > 0);', 'CREATE DOMAIN pos AS int DEFAULT 1 CHECK (VALUE > 0);', ['alter_domain'], ['alter_domain']],
  ['composite type', 'CREATE TYPE p AS (x int);', 'CREATE TYPE p AS (x int, y text);', ['alter_composite_type'], ['alter_composite_type']],
  ['sequence', '', 'CREATE SEQUENCE s;', ['create_sequence'], ['drop_sequence']],
  ['sequence options', 'CREATE SEQUENCE s;', 'CREATE SEQUENCE s INCREMENT 10 CYCLE;', ['alter_sequence'], ['alter_sequence']],
  ['sequence owned by', `${BASE} CREATE SEQUENCE s;`, `${BASE} CREATE SEQUENCE s OWNED BY t.b;`, ['alter_sequence'], ['alter_sequence']],
  ['view', BASE, `${BASE} CREATE VIEW v AS SELECT id FROM t;`, ['create_view'], ['drop_view']],
  ['view change', `${BASE} CREATE VIEW v AS SELECT id FROM t;`, `${BASE} CREATE VIEW v AS SELECT id, a FROM t;`, ['replace_view'], ['replace_view']],
  ['materialized view', BASE, `${BASE} CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM t; CREATE INDEX mv_n ON mv (n);`, ['create_view', 'add_index'], ['drop_view']],
  ['function', '', 'CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;', ['create_routine'], ['drop_routine']],
  ['function body', 'CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;', 'CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 1 $$;', ['replace_routine'], ['replace_routine']],
  ['procedure', '', 'CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;', ['create_routine'], ['drop_routine']],
  ['trigger', `${BASE} CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;`, `${BASE} CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();`, ['create_trigger'], ['drop_trigger']],
  ['extension', '', 'CREATE EXTENSION hstore;', ['create_extension'], ['drop_extension']],
  ['schema', '', 'CREATE SCHEMA app;', ['create_schema'], ['drop_schema']],
  ['collation', '', "CREATE COLLATION nat (provider = icu, locale = 'en-u-kn-true');", ['create_collation'], ['drop_collation']],
  ['collation change', "CREATE COLLATION nat (provider = icu, locale = 'en-u-kn-true');", "CREATE COLLATION nat (provider = icu, locale = 'en-u-kn-true', deterministic = false);", ['drop_collation', 'create_collation'], ['drop_collation', 'create_collation']],
  ['column collation', "CREATE COLLATION nat (provider = icu, locale = 'en-u-kn-true'); CREATE TABLE t (a text);", "CREATE COLLATION nat (provider = icu, locale = 'en-u-kn-true'); CREATE TABLE t (a text COLLATE nat);", ['alter_column'], ['alter_column']],
  ['partitions', 'CREATE TABLE e (at date) PARTITION BY RANGE (at);', "CREATE TABLE e (at date) PARTITION BY RANGE (at); CREATE TABLE e1 PARTITION OF e FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');", ['create_table'], ['drop_table']],
  ['partition bound', "CREATE TABLE e (at date) PARTITION BY RANGE (at); CREATE TABLE e1 PARTITION OF e FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');", "CREATE TABLE e (at date) PARTITION BY RANGE (at); CREATE TABLE e1 PARTITION OF e FOR VALUES FROM ('2020-01-01') TO ('2022-01-01');", ['alter_table'], ['alter_table']],
  ['row level security', BASE, `${BASE} ALTER TABLE t ENABLE ROW LEVEL SECURITY;`, ['alter_table'], ['alter_table']],
  ['policy', `${BASE} ALTER TABLE t ENABLE ROW LEVEL SECURITY;`, `${BASE} ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON t USING (b > 0);`, ['create_policy'], ['drop_policy']],
  ['policy change', `${BASE} CREATE POLICY p ON t USING (b > 0);`, `${BASE} CREATE POLICY p ON t USING (b > 1);`, ['alter_policy'], ['alter_policy']],
  ['table grant', `${BASE}`, `${BASE} GRANT SELECT, INSERT ON t TO app_reader;`, ['grant', 'grant'], ['revoke', 'revoke']],
  ['column grant', `${BASE}`, `${BASE} GRANT UPDATE (a) ON t TO app_reader;`, ['grant'], ['revoke']],
  ['function grant', 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;', 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC;', ['revoke'], ['grant']],
  ['view trigger', `${BASE} CREATE VIEW v AS SELECT id FROM t; CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;`, `${BASE} CREATE VIEW v AS SELECT id FROM t; CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER vt INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION tf();`, ['create_trigger'], ['drop_trigger']],
  ['view column comment', `${BASE} CREATE VIEW v AS SELECT id FROM t;`, `${BASE} CREATE VIEW v AS SELECT id FROM t; COMMENT ON COLUMN v.id IS 'key';`, ['set_comment'], ['set_comment']],
  ['table comment', BASE, `${BASE} COMMENT ON TABLE t IS 'things';`, ['set_comment'], ['set_comment']],
  ['column comment', BASE, `${BASE} COMMENT ON COLUMN t.a IS 'the a';`, ['set_comment'], ['set_comment']],
  ['index comment', `${BASE} CREATE INDEX i ON t (a);`, `${BASE} CREATE INDEX i ON t (a); COMMENT ON INDEX i IS 'fast';`, ['set_comment'], ['set_comment']],
];

const kinds = (changes: readonly Change[]) => changes.map((c) => c.kind);

describe('every object kind is detected in both directions', () => {
  it.each(CASES)('%s', async (_name, fromSql, toSql, forward, backward) => {
    const from = await loadPostgresSql([{ text: fromSql }]);
    const to = await loadPostgresSql([{ text: toSql }]);
    expect(kinds(diffSchemas(from, to).changes)).toEqual(forward);
    expect(kinds(diffSchemas(to, from).changes)).toEqual(backward);
    expect(diffSchemas(from, from).changes).toEqual([]);
    expect(diffSchemas(to, to).changes).toEqual([]);
  });
});
