/** The MySQL/MariaDB migration matrix: from/to pairs of MySQL DDL (shared by the MariaDB round-trip, the Node runners and the framework conformance suite). */
export interface MysqlCase {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly renames?: readonly { from: string; to: string }[];
  /** Text the up file must contain. */
  readonly up?: readonly (string | RegExp)[];
  /** The server-less text reader refuses this input (it says so): planned from the server only. */
  readonly serverOnly?: boolean;
  /** Sample rows validation inserts (default 3); 0 where rows make the change impossible by nature. */
  readonly sampleRows?: number;
}

const BASE = 'CREATE TABLE users (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(100) NOT NULL, name varchar(50) NULL, age int NULL);';

export const MYSQL_CASES: readonly MysqlCase[] = [
  { name: 'create table', from: '', to: BASE, up: ['CREATE TABLE `users`'] },
  { name: 'drop table', from: BASE, to: '' },
  { name: 'add column at the end', from: BASE, to: BASE.replace('age int NULL', 'age int NULL, bio text'), up: ['ALGORITHM=INSTANT'] },
  { name: 'add column in the middle', from: BASE, to: BASE.replace('email varchar(100) NOT NULL,', 'email varchar(100) NOT NULL, nick varchar(20) NOT NULL DEFAULT \'x\','), up: ['AFTER `email`'] },
  { name: 'add column first', from: BASE, to: BASE.replace('(id int', '(tenant int NOT NULL DEFAULT 0, id int'), up: ['FIRST'] },
  { name: 'drop column', from: BASE, to: BASE.replace(', age int NULL', ''), up: ['DROP COLUMN `age`'] },
  { name: 'several changes in one statement', from: BASE, to: BASE.replace('name varchar(50) NULL, age int NULL', 'name varchar(80) NULL, age bigint NULL, city varchar(30) NULL'), up: [/ALTER TABLE `users`\n  ADD COLUMN `city`[^;]*MODIFY COLUMN `age`[^;]*MODIFY COLUMN `name`/] },
  { name: 'widen varchar in place', from: BASE, to: BASE.replace('name varchar(50)', 'name varchar(60)'), up: ['ALGORITHM=INPLACE'] },
  { name: 'change type (copy)', from: BASE, to: BASE.replace('age int NULL', 'age bigint NULL'), up: [/MODIFY COLUMN `age` bigint NULL;/] },
  { name: 'unsigned, tinyint(1), decimal', from: BASE, to: BASE.replace('age int NULL', 'age int unsigned NULL, active tinyint(1) NOT NULL DEFAULT 1, score decimal(8,2) NOT NULL DEFAULT 0') },
  { name: 'enum append (instant)', from: `${BASE} CREATE TABLE t (id int PRIMARY KEY, s enum('a','b') NOT NULL DEFAULT 'a');`, to: `${BASE} CREATE TABLE t (id int PRIMARY KEY, s enum('a','b','c') NOT NULL DEFAULT 'a');`, up: ['ALGORITHM=INSTANT'] },
  { name: 'enum reorder and set', from: `CREATE TABLE t (id int PRIMARY KEY, s enum('a','b'), f set('x','y'));`, to: `CREATE TABLE t (id int PRIMARY KEY, s enum('b','a'), f set('x','y','z'));` },
  { name: 'json column', from: BASE, to: BASE.replace('age int NULL', 'age int NULL, meta json') },
  { name: 'charset and collation of a column', from: BASE, to: BASE.replace('name varchar(50) NULL', 'name varchar(50) CHARACTER SET latin1 COLLATE latin1_bin NULL') },
  { name: 'table collation', from: 'CREATE TABLE t (id int PRIMARY KEY, a varchar(10)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;', to: 'CREATE TABLE t (id int PRIMARY KEY, a varchar(10)) DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci;' },
  { name: 'set and drop default', from: BASE, to: BASE.replace('age int NULL', "age int NULL DEFAULT 18").replace('name varchar(50) NULL', 'name varchar(50) NULL'), up: ['SET DEFAULT 18'] },
  { name: 'nullability', from: BASE, to: BASE.replace('name varchar(50) NULL', 'name varchar(50) NOT NULL').replace('email varchar(100) NOT NULL', 'email varchar(100) NULL') },
  { name: 'on update current_timestamp', from: BASE, to: BASE.replace('age int NULL', 'age int NULL, updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP') },
  { name: 'auto_increment added', from: 'CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int);', to: 'CREATE TABLE t (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, a int);' },
  { name: 'add index and unique index', from: BASE, to: `${BASE} CREATE INDEX users_name ON users (name); CREATE UNIQUE INDEX users_email ON users (email);`, up: ['LOCK=NONE'] },
  { name: 'index prefix and descending key', from: BASE, to: `${BASE} CREATE INDEX users_name_age ON users (name(10), age DESC);` },
  { name: 'fulltext index', from: BASE, to: `${BASE} CREATE FULLTEXT INDEX users_ft ON users (name);` },
  { name: 'spatial index', from: 'CREATE TABLE places (id int PRIMARY KEY, pos point NOT NULL);', to: 'CREATE TABLE places (id int PRIMARY KEY, pos point NOT NULL, SPATIAL INDEX places_pos (pos));' },
  { name: 'drop and change an index', from: `${BASE} CREATE INDEX users_name ON users (name); CREATE INDEX users_age ON users (age);`, to: `${BASE} CREATE INDEX users_name ON users (name, age);` },
  { name: 'primary key replaced', from: 'CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a));', to: 'CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));', up: ['DROP PRIMARY KEY', 'ALGORITHM=INPLACE'] },
  { name: 'foreign key with its implicit index', from: `${BASE} CREATE TABLE posts (id int PRIMARY KEY, user_id int NOT NULL);`, to: `${BASE} CREATE TABLE posts (id int PRIMARY KEY, user_id int NOT NULL, CONSTRAINT posts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE);` },
  { name: 'new tables with foreign keys', from: '', to: `${BASE} CREATE TABLE posts (id int PRIMARY KEY, user_id int NOT NULL, FOREIGN KEY (user_id) REFERENCES users (id));` },
  // Down cannot bring the parent's rows back, so children rows would break the restored key.
  { name: 'drop table with a foreign key to it', sampleRows: 0, from: `${BASE} CREATE TABLE posts (id int PRIMARY KEY, user_id int NOT NULL, CONSTRAINT posts_user FOREIGN KEY (user_id) REFERENCES users (id));`, to: 'CREATE TABLE posts (id int PRIMARY KEY, user_id int NOT NULL, KEY posts_user (user_id));' },
  { name: 'check constraints', from: BASE, to: BASE.replace('age int NULL', 'age int NULL, CONSTRAINT age_ok CHECK (age >= 0)') },
  { name: 'drop a check', from: BASE.replace('age int NULL', 'age int NULL, CONSTRAINT age_ok CHECK (age >= 0)'), to: BASE },
  { name: 'generated columns', from: BASE, to: BASE.replace('age int NULL', 'age int NULL, age2 int AS (age * 2) VIRTUAL, age3 int AS (age + 1) STORED') },
  { name: 'comments', from: BASE, to: BASE.replace('age int NULL', "age int NULL COMMENT 'years'").replace(');', ") COMMENT='people';") },
  { name: 'engine', from: 'CREATE TABLE t (id int PRIMARY KEY) ENGINE=InnoDB;', to: 'CREATE TABLE t (id int PRIMARY KEY) ENGINE=MyISAM;' },
  { name: 'views', from: BASE, to: `${BASE} CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;` },
  { name: 'replace view', from: `${BASE} CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;`, to: `${BASE} CREATE VIEW adults AS SELECT id, name, email FROM users WHERE age >= 21;` },
  { name: 'view on a dropped column', from: `${BASE} CREATE VIEW v AS SELECT id, age FROM users;`, to: `${BASE.replace(', age int NULL', '')} CREATE VIEW v AS SELECT id FROM users;` },
  { name: 'triggers', from: BASE, to: `${BASE} CREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW SET NEW.name = lower(NEW.name);` },
  { name: 'trigger with a body', from: `${BASE} CREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW SET NEW.name = lower(NEW.name);`, to: `${BASE} CREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW BEGIN IF NEW.age < 0 THEN SET NEW.age = 0; END IF; END;` },
  { name: 'routines', from: BASE, to: `${BASE} CREATE FUNCTION add_one(x int) RETURNS int DETERMINISTIC RETURN x + 1;` },
  { name: 'rename column', from: BASE, to: BASE.replace('name varchar(50)', 'full_name varchar(50)'), renames: [{ from: 'users.name', to: 'users.full_name' }], up: ['RENAME COLUMN'] },
  { name: 'rename table', from: BASE, to: BASE.replace('users', 'members'), renames: [{ from: 'users', to: 'members' }], up: ['RENAME TABLE'] },
  { name: 'foreign key dropped with its index', from: `${BASE} CREATE TABLE posts (id int PRIMARY KEY, user_id int NOT NULL, CONSTRAINT posts_user FOREIGN KEY (user_id) REFERENCES users (id));`, to: `${BASE} CREATE TABLE posts (id int PRIMARY KEY, user_id int NOT NULL);`, up: ['DROP FOREIGN KEY `posts_user`'] },
  { name: 'rows survive NOT NULL and widening', from: `${BASE} INSERT INTO users (email, name, age) VALUES ('a@x', 'A', 3), ('b@x', 'B', 4);`, to: BASE.replace('name varchar(50) NULL', 'name varchar(50) NOT NULL').replace('age int NULL', 'age bigint NULL') },
  { name: 'add column to a table with a FULLTEXT index', from: `${BASE} CREATE FULLTEXT INDEX users_ft ON users (name);`, to: `${BASE.replace('age int NULL', 'age int NULL, bio text')} CREATE FULLTEXT INDEX users_ft ON users (name);`, up: ['ALGORITHM=INPLACE'] },
  { name: 'invisible column', from: BASE, to: BASE.replace('age int NULL', 'age int NULL, secret int NULL INVISIBLE') },
  { name: 'rename column and index it', from: BASE, to: `${BASE.replace('name varchar(50)', 'nick varchar(50)')} CREATE INDEX users_nick ON users (nick);`, renames: [{ from: 'users.name', to: 'users.nick' }] },
  { name: 'reserved and odd names', from: 'CREATE TABLE `order` (`id` int PRIMARY KEY, `group` int);', to: 'CREATE TABLE `order` (`id` int PRIMARY KEY, `group` bigint, `select` varchar(5), `two words` int, KEY `key` (`group`));' },
  { name: 'bit, datetime(3) and fractional now', serverOnly: true, from: BASE, to: BASE.replace('age int NULL', "age int NULL, flag bit(1) NOT NULL DEFAULT b'1', seen datetime(3) NULL DEFAULT CURRENT_TIMESTAMP(3)") },
  { name: 'drop a column of a composite index', from: `${BASE} CREATE INDEX users_name_age ON users (name, age);`, to: `${BASE.replace(', age int NULL', '')} CREATE INDEX users_name_age ON users (name);` },
  { name: 'add a unique column', from: BASE, to: BASE.replace('age int NULL', 'age int NULL, handle varchar(20) NULL UNIQUE') },
  { name: 'self-referencing foreign key, set null', from: 'CREATE TABLE node (id int PRIMARY KEY, parent_id int NULL);', to: 'CREATE TABLE node (id int PRIMARY KEY, parent_id int NULL, CONSTRAINT node_parent FOREIGN KEY (parent_id) REFERENCES node (id) ON DELETE SET NULL ON UPDATE CASCADE);' },
  { name: 'rename a column and change its type', from: BASE, to: BASE.replace('age int NULL', 'years bigint NULL'), renames: [{ from: 'users.age', to: 'users.years' }] },
  { name: 'drop a table a view reads', from: `${BASE} CREATE TABLE logs (id int PRIMARY KEY, msg text); CREATE VIEW recent AS SELECT id FROM logs;`, to: BASE },
  { name: 'composite unique index replaced', from: `${BASE} CREATE UNIQUE INDEX users_u ON users (email, name);`, to: `${BASE} CREATE UNIQUE INDEX users_u ON users (email);` },
  { name: 'new table keyed by a unique auto_increment column, with indexes and comments', from: '', to: "CREATE TABLE t (id int NOT NULL AUTO_INCREMENT, code varchar(10) NOT NULL COMMENT 'the code', UNIQUE KEY t_id (id), KEY t_code (code(5))) COMMENT='things';", up: [/CREATE TABLE `t` \([^;]*UNIQUE INDEX `t_id`[^;]*COMMENT='things';/] },
  // The server drops the index it made for a key declared without a name when a key is added again (sqldef's ModifyUnnamedForeignKey).
  { name: 'foreign key declared without a name, re-pointed', from: 'CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE admins (id int PRIMARY KEY); CREATE TABLE posts (id int PRIMARY KEY, author_id int NULL, FOREIGN KEY (author_id) REFERENCES users (id));', to: 'CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE admins (id int PRIMARY KEY); CREATE TABLE posts (id int PRIMARY KEY, author_id int NULL, FOREIGN KEY (author_id) REFERENCES admins (id) ON DELETE CASCADE);', up: ['RENAME INDEX `author_id` TO `author_id`'] },
  { name: 'BINARY attribute of a string column', from: BASE, to: BASE.replace('name varchar(50) NULL', 'name varchar(50) BINARY NULL').replace('email varchar(100) NOT NULL', 'email varchar(100) CHARACTER SET latin1 BINARY NOT NULL') },
  // MODIFY between STORED and VIRTUAL is refused by the server (sqldef's ChangeGenerateColumnVirtualToStored).
  { name: 'generated column switched between virtual and stored, indexed', from: `${BASE.replace('age int NULL', 'age int NULL, age2 int AS (age * 2) VIRTUAL, age3 int AS (age + 1) STORED')} CREATE INDEX users_age2 ON users (age2, email);`, to: `${BASE.replace('age int NULL', 'age int NULL, age2 int AS (age * 2) STORED, age3 int AS (age + 1) VIRTUAL')} CREATE INDEX users_age2 ON users (age2, email);`, up: ['DROP COLUMN `age2`', /ADD COLUMN `age2` int GENERATED ALWAYS AS \(age \* 2\) STORED AFTER `age`/] },
  // MariaDB's column-level checks are named after their column and go with it: MODIFY COLUMN adds or drops them (sqldef's DropCheckConstraint, ConstraintCheckInWithUniqueCreate).
  { name: 'column-level checks added, dropped and kept beside a same-named index', from: 'CREATE TABLE p (id int PRIMARY KEY, level int CHECK (level IN (1, 2, 3)), price int CHECK (price > 0), qty int, UNIQUE (level));', to: 'CREATE TABLE p (id int PRIMARY KEY, level int CHECK (level IN (1, 2, 3, 4)), price int, qty bigint CHECK (qty >= 0), UNIQUE (level));', up: [/MODIFY COLUMN `price` int NULL(,|\n)/, 'MODIFY COLUMN `qty` bigint NULL CHECK (qty >= 0)'] },
  { name: 'new table with a column-level check named like its unique index', from: '', to: 'CREATE TABLE animals (id int PRIMARY KEY, age int CHECK (age IN (0, 1, 2)), UNIQUE (age));', up: ['`age` int NULL CHECK (age in (0, 1, 2))'] },
  // MariaDB keeps a UNIQUE key on a text column in a hidden hash column: COPY only (sqldef's ConstraintUniqueAdd).
  { name: 'unique key on a text column (USING HASH) added', from: 'CREATE TABLE products (id int PRIMARY KEY, sku text, code varchar(800));', to: 'CREATE TABLE products (id int PRIMARY KEY, sku text, code varchar(800), UNIQUE (sku), UNIQUE (code));', up: ['UNIQUE INDEX `sku` (sku) USING HASH', 'UNIQUE INDEX `code` (code) USING HASH'] },
  // The first unique key on NOT NULL columns is InnoDB's primary key of a table without one (sqldef's DropUniqueConstraint).
  { name: 'unique key serving as the primary key dropped', from: 'CREATE TABLE d (a int NOT NULL, b int NOT NULL, UNIQUE KEY d_u (a, b));', to: 'CREATE TABLE d (a int NOT NULL, b int NOT NULL);' },
  // MariaDB makes an inline REFERENCES a foreign key (sqldef's ReferencesWithOnDeleteCascade): the text reader too.
  { name: 'inline REFERENCES on new and added columns', from: 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY);', to: 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p (id) ON DELETE CASCADE ON UPDATE SET NULL, at timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP); CREATE TABLE d (id int PRIMARY KEY, pid int NOT NULL REFERENCES p (id));', up: ['CONSTRAINT `c_ibfk_1` FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE ON UPDATE SET NULL'] },
  { name: 'rename table and change it', from: BASE, to: BASE.replace('users', 'members').replace('age int NULL', 'age bigint NULL'), renames: [{ from: 'users', to: 'members' }] },
];
