import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/core/change.js';
import { diffSchemas } from '../../../src/diff/diff.js';
import { loadSqliteSql } from '../../../src/sources/sql/load-sqlite-sql.js';

const BASE = 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INT);';
const WITH = (columns: string, tail = '') => `CREATE TABLE t (id INTEGER PRIMARY KEY, ${columns})${tail};`;

/** [name, from, to, kinds expected from → to, kinds expected to → from] */
const CASES: [string, string, string, string[], string[]][] = [
  ['table', '', 'CREATE TABLE t (id INT);', ['create_table'], ['drop_table']],
  ['column', BASE, WITH('a TEXT, b INT, c DATE'), ['add_column'], ['drop_column']],
  ['column type', BASE, WITH('a VARCHAR(10), b INT'), ['alter_column'], ['alter_column']],
  ['default', BASE, WITH("a TEXT DEFAULT 'x', b INT"), ['alter_column'], ['alter_column']],
  ['not null', BASE, WITH('a TEXT NOT NULL, b INT'), ['alter_column'], ['alter_column']],
  ['collation', BASE, WITH('a TEXT COLLATE NOCASE, b INT'), ['alter_column'], ['alter_column']],
  ['autoincrement', BASE, 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT, b INT);', ['alter_column'], ['alter_column']],
  ['stored generated column', BASE, WITH('a TEXT, b INT GENERATED ALWAYS AS (id + 1) STORED'), ['alter_column'], ['alter_column']],
  ['virtual generated column', WITH('a TEXT, b INT AS (id + 1) STORED'), WITH('a TEXT, b INT AS (id + 1) VIRTUAL'), ['alter_column'], ['alter_column']],
  ['primary key', 'CREATE TABLE t (id INT NOT NULL);', 'CREATE TABLE t (id INT NOT NULL PRIMARY KEY);', ['add_constraint'], ['drop_constraint']],
  ['unique', BASE, WITH('a TEXT UNIQUE, b INT'), ['add_constraint'], ['drop_constraint']],
  ['named unique', BASE, WITH('a TEXT, b INT, CONSTRAINT t_ab UNIQUE (a, b)'), ['add_constraint'], ['drop_constraint']],
  ['check', BASE, WITH('a TEXT, b INT CHECK (b > 0)'), ['add_constraint'], ['drop_constraint']],
  ['check change', WITH('a TEXT, b INT, CONSTRAINT pos CHECK (b > 0)'), WITH('a TEXT, b INT, CONSTRAINT pos CHECK (b > 1)'), ['drop_constraint', 'add_constraint'], ['drop_constraint', 'add_constraint']],
  ['foreign key', `${BASE} CREATE TABLE u (id INT, t_id INT);`, `${BASE} CREATE TABLE u (id INT, t_id INT REFERENCES t(id) ON DELETE SET NULL);`, ['add_constraint'], ['drop_constraint']],
  ['foreign key action', `${BASE} CREATE TABLE u (t_id INT REFERENCES t(id));`, `${BASE} CREATE TABLE u (t_id INT REFERENCES t(id) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED);`, ['drop_constraint', 'add_constraint'], ['drop_constraint', 'add_constraint']],
  ['index', BASE, `${BASE} CREATE INDEX t_a ON t (a);`, ['add_index'], ['drop_index']],
  ['unique index', `${BASE} CREATE INDEX t_a ON t (a);`, `${BASE} CREATE UNIQUE INDEX t_a ON t (a);`, ['drop_index', 'add_index'], ['drop_index', 'add_index']],
  ['partial index', `${BASE} CREATE INDEX t_a ON t (a);`, `${BASE} CREATE INDEX t_a ON t (a) WHERE b > 0;`, ['drop_index', 'add_index'], ['drop_index', 'add_index']],
  ['expression index', BASE, `${BASE} CREATE INDEX t_lower ON t (lower(a), b DESC);`, ['add_index'], ['drop_index']],
  ['view', BASE, `${BASE} CREATE VIEW v AS SELECT id FROM t;`, ['create_view'], ['drop_view']],
  ['view change', `${BASE} CREATE VIEW v AS SELECT id FROM t;`, `${BASE} CREATE VIEW v AS SELECT id, a FROM t;`, ['replace_view'], ['replace_view']],
  ['trigger', BASE, `${BASE} CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET b = 1 WHERE id = new.id; END;`, ['create_trigger'], ['drop_trigger']],
  ['trigger change', `${BASE} CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;`, `${BASE} CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 2; END;`, ['drop_trigger', 'create_trigger'], ['drop_trigger', 'create_trigger']],
  // A WITHOUT ROWID table's key is NOT NULL, as SQLite reports.
  ['without rowid', BASE, 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INT) WITHOUT ROWID;', ['alter_table', 'alter_column'], ['alter_table', 'alter_column']],
  ['strict', BASE, 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INT) STRICT;', ['alter_table'], ['alter_table']],
];

const kinds = (changes: readonly Change[]) => changes.map((c) => c.kind);

describe('SQLite: every object kind is detected in both directions', () => {
  it.each(CASES)('%s', (_name, fromSql, toSql, forward, backward) => {
    const from = loadSqliteSql([{ text: fromSql }]);
    const to = loadSqliteSql([{ text: toSql }]);
    expect(kinds(diffSchemas(from, to).changes)).toEqual(forward);
    expect(kinds(diffSchemas(to, from).changes)).toEqual(backward);
    expect(diffSchemas(from, from).changes).toEqual([]);
    expect(diffSchemas(to, to).changes).toEqual([]);
  });

  it('sees no change where only the layout of the SQL differs', () => {
    const a = loadSqliteSql([{ text: "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT CHECK (a <> 'x'), b INT); CREATE INDEX i ON t (a) WHERE b>0; CREATE VIEW v AS SELECT id FROM t;" }]);
    const b = loadSqliteSql([{ text: "create table if not exists t (\n  id INTEGER primary key, -- key\n  a TEXT check(a<>'x'),\n  b INT\n);\ncreate index i on t(a) where b > 0;\ncreate view v as select id\n from t;" }]);
    expect(diffSchemas(a, b).changes).toEqual([]);
  });
});
