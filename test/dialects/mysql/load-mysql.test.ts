import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import type { Schema } from '../../../src/core/model.js';
import { assembleMysql } from '../../../src/dialects/mysql/assemble.js';
import { connectMysql, type MysqlClient } from '../../../src/dialects/mysql/client.js';
import { canonicalMysqlExpr } from '../../../src/dialects/mysql/expression.js';
import { introspectMysql } from '../../../src/dialects/mysql/introspect.js';
import { canonicalType, mariadbDefault, mysqlDefault } from '../../../src/dialects/mysql/normalize.js';
import { splitMysql } from '../../../src/dialects/mysql/split.js';
import { diffSchemas } from '../../../src/diff/diff.js';
import { loadSchema } from '../../../src/sources/resolve.js';
import { loadMysqlSql } from '../../../src/sources/sql/load-mysql-sql.js';
import { acquireMysqlScratch } from '../../../src/validate/scratch-mysql.js';
import { MYSQL_TEST_URL, mysqlDatabaseWith, withoutViewQueries } from './helpers.js';

export const MYSQL_KITCHEN_SINK = `
# people
CREATE TABLE users (
  id int(11) NOT NULL AUTO_INCREMENT,
  email varchar(255) NOT NULL COLLATE utf8mb4_bin COMMENT 'login',
  name varchar(100) CHARACTER SET latin1 DEFAULT 'it''s',
  active bool NOT NULL DEFAULT TRUE,
  score decimal(8,2) DEFAULT 0,
  kind enum('a','b''c') NOT NULL DEFAULT 'a',
  flags set('x','y') DEFAULT NULL,
  born date DEFAULT '2000-01-01',
  seen datetime DEFAULT '2020-01-01',
  meta json,
  created_at timestamp(3) NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  big bigint(20) unsigned DEFAULT '7',
  initials varchar(2) AS (left(name, 1)) VIRTUAL,
  doubled int GENERATED ALWAYS AS (big*2) STORED,
  PRIMARY KEY (id),
  UNIQUE KEY users_email (email(100)),
  KEY (name, score DESC),
  FULLTEXT KEY users_ft (name),
  CONSTRAINT score_ok CHECK ((score >= 0) AND (score < 1000) OR name != 'x')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='people';
CREATE TABLE orders (
  id serial,
  user_id int NOT NULL,
  total int CHECK (total > 0),
  FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
ALTER TABLE orders ADD COLUMN note text AFTER user_id, ADD INDEX orders_total (total);
CREATE VIEW big_orders AS SELECT id, user_id FROM orders WHERE total > 100;
DELIMITER $$
CREATE TRIGGER orders_check BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  IF NEW.total > 1000 THEN
    SET NEW.note = 'big; really';
  END IF;
END$$
DELIMITER ;
CREATE FUNCTION add_one(x int) RETURNS int DETERMINISTIC RETURN x + 1;
`;

describe('splitting MySQL text into statements', () => {
  it('respects quotes, comments, DELIMITER and compound bodies', () => {
    const heads = splitMysql(MYSQL_KITCHEN_SINK).map((s) => s.text.split(/\s+/).slice(0, 3).join(' '));
    expect(heads).toEqual(['CREATE TABLE users', 'CREATE TABLE orders', 'ALTER TABLE orders', 'CREATE VIEW big_orders', 'CREATE TRIGGER orders_check', 'CREATE FUNCTION add_one(x']);
  });

  it('splits a BEGIN ... END body without DELIMITER only at its end', () => {
    const text = "CREATE PROCEDURE p() BEGIN DECLARE x int; CASE WHEN 1 THEN SET x = 1; END CASE; LOOP LEAVE; END LOOP; END; SELECT ';' -- x;\n; SELECT 2";
    expect(splitMysql(text).map((s) => s.text)).toEqual([
      'CREATE PROCEDURE p() BEGIN DECLARE x int; CASE WHEN 1 THEN SET x = 1; END CASE; LOOP LEAVE; END LOOP; END',
      "SELECT ';'",
      'SELECT 2',
    ]);
  });
});

describe('MySQL canonical forms', () => {
  it('spells types one way', () => {
    expect(['int(11)', 'INTEGER', 'int(10) unsigned', 'bool', 'tinyint(1)', 'tinyint(4)', 'numeric', 'decimal(5)', 'real', 'year(4)', 'char', "ENUM('a', 'b')", 'int(5) unsigned zerofill', 'serial'].map(canonicalType)).toEqual([
      'int', 'int', 'int unsigned', 'tinyint(1)', 'tinyint(1)', 'tinyint', 'decimal(10,0)', 'decimal(5,0)', 'double', 'year', 'char(1)', "enum('a','b')", 'int(5) unsigned zerofill', 'bigint unsigned',
    ]);
  });

  it('reads MariaDB and MySQL 8 defaults to the same text', () => {
    const cases: [string | null, string | null, string, string, string | undefined][] = [
      // [MariaDB COLUMN_DEFAULT, MySQL 8 COLUMN_DEFAULT, MySQL 8 EXTRA, type, canonical]
      ["'it''s'", "it's", '', 'varchar(10)', "'it''s'"],
      ['NULL', null, '', 'int', undefined],
      [null, null, '', 'int', undefined],
      ['0.00', '0.00', '', 'decimal(8,2)', '0.00'],
      ['current_timestamp()', 'CURRENT_TIMESTAMP', 'DEFAULT_GENERATED', 'timestamp', 'current_timestamp()'],
      ['current_timestamp(3)', 'CURRENT_TIMESTAMP(3)', 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)', 'timestamp(3)', 'current_timestamp(3)'],
      ['uuid()', 'uuid()', 'DEFAULT_GENERATED', 'varchar(36)', 'uuid()'],
      ["'2000-01-01'", '2000-01-01', '', 'date', "'2000-01-01'"],
    ];
    for (const [maria, mysql, extra, type, canonical] of cases) {
      expect(mariadbDefault(maria, type)).toBe(canonical);
      expect(mysqlDefault(mysql, type, extra)).toBe(canonical);
    }
  });

  it('prints expressions with only the parentheses precedence needs', () => {
    expect(canonicalMysqlExpr('((b > 0) AND (c < 10)) OR a != "q" AND CHAR_LENGTH(`A`)>1')).toBe("b > 0 and c < 10 or a <> 'q' and char_length(a) > 1");
    expect(canonicalMysqlExpr('`b` > 0 and `c` < 10 or `a` <> \'q\' and char_length(`a`) > 1')).toBe("b > 0 and c < 10 or a <> 'q' and char_length(a) > 1");
    expect(canonicalMysqlExpr('a - (b - c)')).toBe('a - (b - c)');
    expect(canonicalMysqlExpr('(a - b) - c')).toBe('a - b - c');
    expect(canonicalMysqlExpr('x NOT IN (1,2) AND y IS NOT NULL AND z BETWEEN 1 AND 5')).toBe('x not in (1, 2) and y is not null and z between 1 and 5');
    expect(canonicalMysqlExpr('`order` + 1')).toBe('`order` + 1');
  });
});

describe('MySQL semantics of SQL text without a server', () => {
  let schema: Schema;
  beforeAll(async () => {
    schema = await loadMysqlSql([{ file: 'schema.sql', text: MYSQL_KITCHEN_SINK }]);
  });

  it('reads columns the way MariaDB reports them', () => {
    const users = schema.tables.users!;
    const col = (name: string) => users.columns.find((c) => c.name === name)!;
    expect(users.columns.map((c) => c.name)).toEqual(['id', 'email', 'name', 'active', 'score', 'kind', 'flags', 'born', 'seen', 'meta', 'created_at', 'big', 'initials', 'doubled']);
    expect(col('id')).toEqual({ name: 'id', type: 'int', notNull: true, extra: { autoIncrement: 'true' } });
    expect(col('email')).toEqual({ name: 'email', type: 'varchar(255)', notNull: true, collation: 'utf8mb4_bin', comment: 'login' });
    expect(col('name')).toMatchObject({ default: "'it''s'", collation: 'latin1_swedish_ci' });
    expect(col('active')).toMatchObject({ type: 'tinyint(1)', default: '1' });
    expect(col('score').default).toBe('0.00');
    expect(col('kind')).toMatchObject({ type: "enum('a','b''c')", default: "'a'" });
    expect(col('flags')).toEqual({ name: 'flags', type: "set('x','y')", notNull: false });
    expect(col('seen').default).toBe("'2020-01-01 00:00:00'");
    expect(col('meta')).toEqual({ name: 'meta', type: 'json', notNull: false });
    expect(col('created_at')).toMatchObject({ type: 'timestamp(3)', default: 'current_timestamp(3)', extra: { onUpdate: 'current_timestamp(3)' } });
    expect(col('big')).toMatchObject({ type: 'bigint unsigned', default: '7' });
    expect(col('initials')).toMatchObject({ generated: 'left(name, 1)', extra: { generated: 'virtual' } });
    expect(col('doubled')).toMatchObject({ generated: 'big * 2', extra: { generated: 'stored' } });
    expect(users.extra).toEqual({ engine: 'InnoDB' });
    expect(users.comment).toBe('people');
  });

  it('reads keys, implicit names and the index InnoDB adds for a foreign key', () => {
    const users = schema.tables.users!;
    expect(Object.keys(users.indexes)).toEqual(['name', 'users_email', 'users_ft']);
    expect(users.indexes.users_email).toMatchObject({ unique: true, keys: ['email(100)'] });
    expect(users.indexes.name!.keys).toEqual(['name', 'score DESC']);
    expect(users.indexes.users_ft!.method).toBe('fulltext');
    expect(users.constraints.score_ok!.definition).toBe("CHECK (score >= 0 and score < 1000 or name <> 'x')");
    const orders = schema.tables.orders!;
    expect(orders.columns.map((c) => c.name)).toEqual(['id', 'user_id', 'note', 'total']);
    expect(orders.columns[0]).toEqual({ name: 'id', type: 'bigint unsigned', notNull: true, extra: { autoIncrement: 'true' } });
    expect(Object.keys(orders.constraints)).toEqual(['orders_ibfk_1', 'total']);
    expect(orders.constraints.orders_ibfk_1).toMatchObject({ references: { table: 'users', columns: ['id'], onDelete: 'CASCADE', onUpdate: 'RESTRICT' } });
    expect(Object.keys(orders.indexes)).toEqual(['id', 'orders_total', 'user_id']);
    expect(orders.triggers.orders_check!.definition).toBe("CREATE TRIGGER orders_check BEFORE INSERT ON orders FOR EACH ROW BEGIN IF NEW.total > 1000 THEN SET NEW.note = 'big; really'; END IF; END");
    expect(schema.routines['add_one(x int)']).toMatchObject({ kind: 'function', returns: 'int', definition: 'CREATE FUNCTION add_one(x int) RETURNS int DETERMINISTIC RETURN x + 1' });
    expect(schema.views.big_orders!.columns).toEqual(['id', 'user_id']);
    expect(schema.dependencies).toEqual({ 'table:orders': ['table:users'], 'view:big_orders': ['table:orders'] });
    expect(schema.enums).toEqual({});
  });

  it('points errors at file:line:col and refuses what it does not cover', async () => {
    const fail = (text: string) => loadMysqlSql([{ file: 'bad.sql', text }]).then(() => undefined, (e: UserError) => e);
    const syntax = await fail('CREATE TABLE a (id int);\nCREATE TABLE b (\n  id int NOT NULL DEFAUT 1\n);');
    expect(syntax).toBeInstanceOf(UserError);
    expect(syntax!.format()).toMatch(/^bad\.sql:3:19: unexpected DEFAUT in the definition of column id/);
    const unsupported = await fail('CREATE TABLE a (id int);\n  CREATE SEQUENCE s;');
    expect(unsupported).toMatchObject({ code: 'UNSUPPORTED', location: { file: 'bad.sql', line: 2, column: 10 } });
    expect(unsupported!.hint).toMatch(/scratch-url/);
  });
});

describe.skipIf(!MYSQL_TEST_URL)('MySQL on a server', () => {
  let live: Awaited<ReturnType<typeof mysqlDatabaseWith>>;
  beforeAll(async () => {
    live = await mysqlDatabaseWith(MYSQL_KITCHEN_SINK);
  });
  afterAll(async () => live?.drop());

  it('gives the same model for a live database, the text on a scratch server, and the text alone', async () => {
    const fromLive = await loadSchema(live.url, { dialect: 'mysql' });
    const onScratch = await loadMysqlSql([{ text: MYSQL_KITCHEN_SINK }], { serverUrl: MYSQL_TEST_URL });
    const textOnly = await loadMysqlSql([{ text: MYSQL_KITCHEN_SINK }]);
    expect(fromLive).toEqual(onScratch);
    expect(diffSchemas(fromLive, onScratch).changes).toEqual([]);
    expect(withoutViewQueries(textOnly)).toEqual(withoutViewQueries(fromLive));
    // The known gap: the server re-prints a view's query.
    expect(fromLive.views.big_orders!.definition).toBe('SELECT `orders`.`id` AS `id`, `orders`.`user_id` AS `user_id` FROM `orders` WHERE `orders`.`total` > 100');
  });

  it('reads inside a read-only transaction and writes nothing', async () => {
    const client = await connectMysql(live.url);
    const seen: string[] = [];
    const spy: MysqlClient = {
      query: (sql, params) => (seen.push(sql.trim().split(/\s+/)[0]!.toUpperCase()), client.query(sql, params)),
      exec: (sql) => (seen.push(sql), client.exec(sql)),
      close: () => client.close(),
    };
    try {
      await introspectMysql(spy, live.name);
      const [trx] = await client.query<{ n: number }>("SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = CONNECTION_ID()");
      expect(Number(trx!.n)).toBe(0);
    } finally {
      await spy.close();
    }
    expect(seen.indexOf('START TRANSACTION READ ONLY')).toBe(1);
    expect(seen[seen.length - 1]).toBe('ROLLBACK');
    expect(seen.filter((s) => !['SELECT', 'START TRANSACTION READ ONLY', 'ROLLBACK'].includes(s))).toEqual([]);
  });

  it('points a server error at the statement, and leaves no scratch database behind', async () => {
    const error = await loadMysqlSql([{ file: 'bad.sql', text: 'CREATE TABLE a (id int);\n\nCREATE TABLE b (id int REFERENCES nowhere (id), x int, FOREIGN KEY (x) REFERENCES missing (id));' }], { serverUrl: MYSQL_TEST_URL }).then(
      () => undefined,
      (e: UserError) => e,
    );
    expect(error).toMatchObject({ code: 'SQL_ERROR', location: { file: 'bad.sql', line: 3, column: 1 } });
    const admin = await connectMysql(MYSQL_TEST_URL!, { database: '' });
    try {
      // Only this process's: test files on other workers use the server at the same time.
      expect(await admin.query(`SHOW DATABASES LIKE 'mg\\_scratch\\_${process.pid}\\_%'`)).toEqual([]);
    } finally {
      await admin.close();
    }
  });

  it('creates its scratch database beside the named one and drops it, even twice released', async () => {
    const scratch = await acquireMysqlScratch(live.url);
    expect(scratch.database).toMatch(/^mg_scratch_\d+_[0-9a-f]{12}$/);
    await scratch.client.exec('CREATE TABLE x (id int)');
    await scratch.release();
    await scratch.release();
    const check = await connectMysql(live.url);
    try {
      expect(await check.query('SHOW DATABASES LIKE ?', [scratch.database])).toEqual([]);
      const names = (await check.query<{ TABLE_NAME: string }>('SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1')).map((r) => r.TABLE_NAME);
      expect(names).toEqual(['big_orders', 'orders', 'users']);
    } finally {
      await check.close();
    }
  });
});

describe('MySQL catalog assembly', () => {
  it('reads MariaDB json (longtext + json_valid check) as json', () => {
    const schema = assembleMysql({
      flavor: 'mariadb',
      database: 'd',
      databaseCollation: 'utf8mb4_general_ci',
      tables: [{ name: 't', type: 'BASE TABLE', engine: 'InnoDB', collation: 'utf8mb4_general_ci', options: '', comment: '' }],
      columns: [{ tbl: 't', name: 'j', pos: 1, type: 'longtext', data_type: 'longtext', nullable: 'YES', dflt: 'NULL', extra: '', gen: null, collation: 'utf8mb4_bin', comment: '' }],
      statistics: [],
      foreignKeys: [],
      checks: [{ tbl: 't', name: 'j', clause: 'json_valid(`j`)' }],
      views: [],
      triggers: [],
      routines: [],
      parameters: [],
      events: [],
    });
    expect(schema.tables.t).toMatchObject({ columns: [{ name: 'j', type: 'json', notNull: false }], constraints: {} });
  });
});

const COVERAGE = `CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE IF NOT EXISTS a (x int);
CREATE TABLE c (id int, d decimal(10,2) NOT NULL DEFAULT '0.00', e enum('a','b') DEFAULT 'a', KEY (d), UNIQUE (e, d));
CREATE TABLE e LIKE a;
ALTER TABLE a ADD COLUMN n varchar(10) NOT NULL AFTER id, ADD COLUMN z int FIRST;
ALTER TABLE a MODIFY n varchar(20) NULL;
ALTER TABLE a CHANGE n nn varchar(20);
ALTER TABLE a RENAME COLUMN nn TO n2;
ALTER TABLE a ADD INDEX a_n2 (n2), ADD UNIQUE KEY a_u (n2(5));
ALTER TABLE a ALTER COLUMN n2 SET DEFAULT 'x';
ALTER TABLE a DROP INDEX a_u, ENGINE=InnoDB, COMMENT='hello';
CREATE INDEX c_id ON c (id) ALGORITHM=INPLACE LOCK=NONE;
RENAME TABLE e TO e2;
DROP TABLE IF EXISTS e2, nothing;
SET NAMES utf8mb4;`;

describe('MySQL text reader coverage', () => {
  it('reads the common DDL forms', async () => {
    const schema = await loadMysqlSql([{ text: COVERAGE }]);
    expect(Object.keys(schema.tables)).toEqual(['a', 'c']);
    expect(schema.tables.a!.columns.map((c) => `${c.name} ${c.type}${c.default ? ` ${c.default}` : ''}`)).toEqual(['z int', 'id int', "n2 varchar(20) 'x'"]);
    expect(Object.keys(schema.tables.a!.indexes)).toEqual(['a_n2']);
    expect(schema.tables.a!.comment).toBe('hello');
    expect(Object.keys(schema.tables.c!.indexes)).toEqual(['c_id', 'd', 'e']);
  });

  it.skipIf(!MYSQL_TEST_URL)('reads them as the server does', async () => {
    expect(await loadMysqlSql([{ text: COVERAGE }])).toEqual(await loadMysqlSql([{ text: COVERAGE }], { serverUrl: MYSQL_TEST_URL }));
  });

  it('refuses, with its position, what only a server can read', async () => {
    for (const sql of ['CREATE TABLE f AS SELECT 1 AS x', 'CREATE TABLE k (x int, INDEX ix ((x + 1)))', 'CREATE SEQUENCE s']) {
      await expect(loadMysqlSql([{ file: 'x.sql', text: `\n${sql};` }])).rejects.toMatchObject({ code: 'UNSUPPORTED', location: { file: 'x.sql', line: 2 } });
    }
  });

  // sqldef's TypedLiterals: DATE/TIME/TIMESTAMP literals and loosely written dates as the server stores them.
  const TEMPORAL = "CREATE TABLE ev (a datetime(3) DEFAULT '2024-01-01 12:00:00', b datetime DEFAULT '2024-1-1 1:2:3', c time DEFAULT '12:00', d time(2) DEFAULT '1:2:3.5', e timestamp(6) NULL DEFAULT '2024-01-01', f datetime DEFAULT '2024-01-01T10:00:00', g date DEFAULT DATE '2024-1-5', h time(3) DEFAULT TIME '1:2:3', i timestamp NULL DEFAULT TIMESTAMP '2024-01-01 12:00:00', z datetime DEFAULT '0000-00-00 00:00:00');";

  it('reads typed and loosely written date/time defaults', async () => {
    const schema = await loadMysqlSql([{ text: TEMPORAL }]);
    expect(schema.tables.ev!.columns.map((c) => c.default)).toEqual([
      "'2024-01-01 12:00:00.000'",
      "'2024-01-01 01:02:03'",
      "'12:00:00'",
      "'01:02:03.50'",
      "'2024-01-01 00:00:00.000000'",
      "'2024-01-01 10:00:00'",
      "'2024-01-05'",
      "'01:02:03.000'",
      "'2024-01-01 12:00:00'",
      "'0000-00-00 00:00:00'",
    ]);
  });

  it.skipIf(!MYSQL_TEST_URL)('reads them as the server does', async () => {
    expect(await loadMysqlSql([{ text: TEMPORAL }])).toEqual(await loadMysqlSql([{ text: TEMPORAL }], { serverUrl: MYSQL_TEST_URL }));
  });

  // Neither reader models partitioning or events: both report them, so text and server plan alike (sqldef's partition and event cases).
  const PARTITIONED = `CREATE TABLE j (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) ENGINE=InnoDB PARTITION BY RANGE (year(at)) (PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN MAXVALUE);
ALTER TABLE j ADD COLUMN note varchar(10) NULL;
CREATE TABLE h (id int PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 4;
ALTER TABLE h REMOVE PARTITIONING;
CREATE DEFINER='root'@'%' EVENT cleanup ON SCHEDULE EVERY 1 DAY ON COMPLETION PRESERVE DO BEGIN DELETE FROM j WHERE at < NOW() - INTERVAL 30 DAY; END;
CREATE EVENT gone ON SCHEDULE EVERY 1 HOUR DO DELETE FROM j;
ALTER EVENT cleanup ON SCHEDULE EVERY 2 DAY RENAME TO tidy;
DROP EVENT gone;`;

  it('reports partitioning and events, as the server reader does', async () => {
    const schema = await loadMysqlSql([{ text: PARTITIONED }]);
    expect(schema.tables.j!.columns.map((c) => c.name)).toEqual(['id', 'at', 'note']);
    expect(schema.tables.j!.extra).toEqual({ engine: 'InnoDB' });
    expect(schema.unsupported.map((u) => `${u.kind} ${u.name}`)).toEqual(['event tidy', 'partitioning j']);
  });

  it.skipIf(!MYSQL_TEST_URL)('reports them as the server does', async () => {
    expect(await loadMysqlSql([{ text: PARTITIONED }])).toEqual(await loadMysqlSql([{ text: PARTITIONED }], { serverUrl: MYSQL_TEST_URL }));
  });
});
