import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/core/change.js';
import type { Schema } from '../../../src/core/model.js';
import { diffSchemas } from '../../../src/diff/diff.js';
import { loadMysqlSql } from '../../../src/sources/sql/load-mysql-sql.js';
import { MYSQL_TEST_URL, withoutViewQueries } from './helpers.js';

const BASE = 'CREATE TABLE t (id int PRIMARY KEY, a varchar(50), b int);';
const WITH = (columns: string, tail = '') => `CREATE TABLE t (id int PRIMARY KEY, ${columns})${tail};`;
const PARENT = 'CREATE TABLE p (id int PRIMARY KEY);';

/** [name, from, to, kinds expected from → to, kinds expected to → from] */
const CASES: [string, string, string, string[], string[]][] = [
  ['table', '', 'CREATE TABLE t (id int);', ['create_table'], ['drop_table']],
  ['column', BASE, WITH('a varchar(50), b int, c date'), ['add_column'], ['drop_column']],
  ['column type', BASE, WITH('a varchar(80), b int'), ['alter_column'], ['alter_column']],
  ['unsigned', BASE, WITH('a varchar(50), b int unsigned'), ['alter_column'], ['alter_column']],
  ['enum column', WITH("a enum('x','y'), b int"), WITH("a enum('x','y','z'), b int"), ['alter_column'], ['alter_column']],
  ['default', BASE, WITH("a varchar(50) DEFAULT 'x', b int"), ['alter_column'], ['alter_column']],
  ['not null', BASE, WITH('a varchar(50) NOT NULL, b int'), ['alter_column'], ['alter_column']],
  ['auto increment', 'CREATE TABLE t (id int PRIMARY KEY);', 'CREATE TABLE t (id int PRIMARY KEY AUTO_INCREMENT);', ['alter_column'], ['alter_column']],
  ['on update', WITH('a timestamp NULL DEFAULT CURRENT_TIMESTAMP'), WITH('a timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP'), ['alter_column'], ['alter_column']],
  ['generated', WITH('b int, c int'), WITH('b int, c int AS (b + 1) STORED'), ['alter_column'], ['alter_column']],
  ['collation', BASE, WITH('a varchar(50) COLLATE utf8mb4_bin, b int'), ['alter_column'], ['alter_column']],
  ['column comment', BASE, WITH("a varchar(50) COMMENT 'the a', b int"), ['set_comment'], ['set_comment']],
  ['primary key', 'CREATE TABLE t (id int NOT NULL);', 'CREATE TABLE t (id int NOT NULL PRIMARY KEY);', ['add_constraint'], ['drop_constraint']],
  ['unique key', BASE, WITH('a varchar(50), b int, UNIQUE KEY t_b (b)'), ['add_index'], ['drop_index']],
  ['check', BASE, WITH('a varchar(50), b int, CONSTRAINT pos CHECK (b > 0)'), ['add_constraint'], ['drop_constraint']],
  ['check change', WITH('b int, CONSTRAINT pos CHECK (b > 0)'), WITH('b int, CONSTRAINT pos CHECK (b > 1)'), ['drop_constraint', 'add_constraint'], ['drop_constraint', 'add_constraint']],
  // The foreign key brings the index InnoDB creates for it, from text as from a live database.
  ['foreign key', `${PARENT} CREATE TABLE u (id int, p_id int);`, `${PARENT} CREATE TABLE u (id int, p_id int, CONSTRAINT u_p FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE SET NULL);`, ['add_constraint', 'add_index'], ['drop_constraint', 'drop_index']],
  ['foreign key with its own index', `${PARENT} CREATE TABLE u (p_id int, KEY u_p_id (p_id));`, `${PARENT} CREATE TABLE u (p_id int, KEY u_p_id (p_id), CONSTRAINT u_p FOREIGN KEY (p_id) REFERENCES p (id));`, ['add_constraint'], ['drop_constraint']],
  ['foreign key action', `${PARENT} CREATE TABLE u (p_id int, CONSTRAINT u_p FOREIGN KEY (p_id) REFERENCES p (id));`, `${PARENT} CREATE TABLE u (p_id int, CONSTRAINT u_p FOREIGN KEY (p_id) REFERENCES p (id) ON UPDATE CASCADE);`, ['drop_constraint', 'add_constraint'], ['drop_constraint', 'add_constraint']],
  ['index', BASE, `${BASE} CREATE INDEX t_a ON t (a);`, ['add_index'], ['drop_index']],
  ['index prefix', `${BASE} CREATE INDEX t_a ON t (a);`, `${BASE} CREATE INDEX t_a ON t (a(10));`, ['drop_index', 'add_index'], ['drop_index', 'add_index']],
  ['index order', `${BASE} CREATE INDEX t_ab ON t (a, b);`, `${BASE} CREATE INDEX t_ab ON t (a, b DESC);`, ['drop_index', 'add_index'], ['drop_index', 'add_index']],
  ['fulltext index', BASE, `${BASE} CREATE FULLTEXT INDEX t_ft ON t (a);`, ['add_index'], ['drop_index']],
  ['view', BASE, `${BASE} CREATE VIEW v AS SELECT id FROM t;`, ['create_view'], ['drop_view']],
  ['trigger', BASE, `${BASE} CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.b = 1;`, ['create_trigger'], ['drop_trigger']],
  ['trigger change', `${BASE} CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.b = 1;`, `${BASE} CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.b = 2;`, ['drop_trigger', 'create_trigger'], ['drop_trigger', 'create_trigger']],
  ['function body', 'CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x + 1;', 'CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x + 2;', ['replace_routine'], ['replace_routine']],
  ['engine', BASE, 'CREATE TABLE t (id int PRIMARY KEY, a varchar(50), b int) ENGINE=MyISAM;', ['alter_table'], ['alter_table']],
  ['table collation', BASE, 'CREATE TABLE t (id int PRIMARY KEY, a varchar(50), b int) DEFAULT CHARSET=latin1;', ['alter_table'], ['alter_table']],
  ['table comment', BASE, "CREATE TABLE t (id int PRIMARY KEY, a varchar(50), b int) COMMENT='things';", ['set_comment'], ['set_comment']],
];

/**
 * New routines: src/diff/objects.ts assumes PostgreSQL's default EXECUTE grant to PUBLIC for every
 * dialect and reports a `revoke` for a new MySQL routine. These pass once the diff applies that
 * default to PostgreSQL only; until then they are expected to fail.
 */
const DIFF_GAPS: [string, string, string, string[], string[]][] = [
  ['function', '', 'CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x + 1;', ['create_routine'], ['drop_routine']],
  ['procedure', '', 'CREATE PROCEDURE pr(IN a int) BEGIN SELECT a; END;', ['create_routine'], ['drop_routine']],
];

const kinds = (changes: readonly Change[]) => changes.map((c) => c.kind);

function checkBothWays(from: Schema, to: Schema, forward: string[], backward: string[]) {
  expect(kinds(diffSchemas(from, to).changes)).toEqual(forward);
  expect(kinds(diffSchemas(to, from).changes)).toEqual(backward);
  expect(diffSchemas(from, from).changes).toEqual([]);
  expect(diffSchemas(to, to).changes).toEqual([]);
}

describe('MySQL text without a server: every object kind is detected in both directions', () => {
  it.each(CASES)('%s', async (_name, fromSql, toSql, forward, backward) => {
    checkBothWays(await loadMysqlSql([{ text: fromSql }]), await loadMysqlSql([{ text: toSql }]), forward, backward);
  });
});

describe('MySQL routines', () => {
  it.each(DIFF_GAPS)('%s', async (_name, fromSql, toSql, forward, backward) => {
    checkBothWays(await loadMysqlSql([{ text: fromSql }]), await loadMysqlSql([{ text: toSql }]), forward, backward);
  });

  it('still reads the routines themselves', async () => {
    const to = await loadMysqlSql([{ text: DIFF_GAPS[1]![2] }]);
    expect(to.routines).toEqual({
      'pr(IN a int)': { schema: '', name: 'pr', kind: 'procedure', args: ['IN a int'], language: 'SQL', definition: 'CREATE PROCEDURE pr(IN a int) BEGIN SELECT a; END' },
    });
  });
});

describe.skipIf(!MYSQL_TEST_URL)('MySQL text on a scratch server: same changes, same models as without one', () => {
  it.each(CASES)('%s', async (_name, fromSql, toSql, forward, backward) => {
    const options = { serverUrl: MYSQL_TEST_URL };
    const from = await loadMysqlSql([{ text: fromSql }], options);
    const to = await loadMysqlSql([{ text: toSql }], options);
    checkBothWays(from, to, forward, backward);
    expect(withoutViewQueries(await loadMysqlSql([{ text: fromSql }]))).toEqual(withoutViewQueries(from));
    expect(withoutViewQueries(await loadMysqlSql([{ text: toSql }]))).toEqual(withoutViewQueries(to));
  });
});
