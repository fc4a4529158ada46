/** The SQLite migration matrix: from/to pairs of SQLite DDL (shared by the in-memory round-trip, the Node runners and the framework conformance suite). */
export interface SqliteCase {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly renames?: readonly { from: string; to: string }[];
  /** Text the up file must (or, with `!`, must not) contain. */
  readonly up?: readonly (string | RegExp)[];
  readonly rebuild?: boolean;
  /** Sample rows validation inserts (default 3); 0 where rows make the change impossible by nature. */
  readonly sampleRows?: number;
}

const USERS = 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT, age INTEGER);';
const ROWS = "INSERT INTO users VALUES (1, 'a@x', 'A', 30), (2, 'b@x', 'B', 40);";
const BASE = `${USERS} ${ROWS}`;
const POSTS = 'CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id) ON DELETE CASCADE, title TEXT);';
const POST_ROWS = "INSERT INTO posts VALUES (1, 1, 'p1'), (2, 2, 'p2');";

export const SQLITE_CASES: readonly SqliteCase[] = [
  { name: 'create table', from: '', to: USERS, rebuild: false },
  { name: 'drop table', from: BASE, to: '', rebuild: false },
  { name: 'add nullable column', from: BASE, to: USERS.replace('age INTEGER', 'age INTEGER, bio TEXT'), up: ['ADD COLUMN "bio"'], rebuild: false },
  { name: 'add NOT NULL column with a default', from: BASE, to: USERS.replace('age INTEGER', "age INTEGER, status TEXT NOT NULL DEFAULT 'active'"), rebuild: false },
  { name: 'add column with an expression default (rebuild)', from: BASE, to: USERS.replace('age INTEGER', 'age INTEGER, created TEXT DEFAULT CURRENT_TIMESTAMP'), rebuild: true },
  // With rows, no value can fill the new column: validation fails, as it must (MAY_FAIL).
  { name: 'add NOT NULL column without default (rebuild)', sampleRows: 0, from: 'CREATE TABLE t (id INTEGER PRIMARY KEY);', to: 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL);', rebuild: true },
  { name: 'add unique column (rebuild)', from: BASE, to: USERS.replace('age INTEGER', 'age INTEGER, handle TEXT UNIQUE'), rebuild: true },
  { name: 'drop column', from: BASE, to: USERS.replace(', age INTEGER', ''), up: ['DROP COLUMN "age"'], rebuild: false },
  { name: 'drop indexed column (rebuild)', from: `${BASE} CREATE INDEX users_age ON users (age);`, to: USERS.replace(', age INTEGER', ''), rebuild: true },
  { name: 'rename column', from: BASE, to: USERS.replace('name TEXT', 'full_name TEXT'), renames: [{ from: 'users.name', to: 'users.full_name' }], up: ['RENAME COLUMN'], rebuild: false },
  { name: 'rename table', from: BASE, to: USERS.replace('users', 'members'), renames: [{ from: 'users', to: 'members' }], up: ['RENAME TO "members"'], rebuild: false },
  { name: 'change column type', from: BASE, to: USERS.replace('age INTEGER', 'age REAL'), rebuild: true },
  { name: 'NOT NULL added', from: BASE, to: USERS.replace('name TEXT', 'name TEXT NOT NULL'), rebuild: true },
  { name: 'NOT NULL dropped', from: BASE, to: USERS.replace('email TEXT NOT NULL', 'email TEXT'), rebuild: true },
  { name: 'default changed', from: BASE, to: USERS.replace('age INTEGER', 'age INTEGER DEFAULT 18'), rebuild: true },
  { name: 'collation', from: BASE, to: USERS.replace('email TEXT NOT NULL', 'email TEXT NOT NULL COLLATE NOCASE'), rebuild: true },
  { name: 'check constraints', from: BASE, to: USERS.replace('age INTEGER', 'age INTEGER CHECK (age >= 0), CONSTRAINT name_len CHECK (length(name) < 100)'), rebuild: true },
  { name: 'unique constraint', from: BASE, to: USERS.replace('age INTEGER', 'age INTEGER, UNIQUE (email)'), rebuild: true },
  { name: 'primary key change', from: 'CREATE TABLE t (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a)); INSERT INTO t VALUES (1, 1);', to: 'CREATE TABLE t (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b));', rebuild: true },
  { name: 'foreign key added to an existing table', from: `${BASE} CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER, title TEXT); ${POST_ROWS}`, to: `${USERS} ${POSTS}`, rebuild: true },
  { name: 'foreign key dropped', from: `${BASE} ${POSTS} ${POST_ROWS}`, to: `${USERS} CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER, title TEXT);`, rebuild: true },
  { name: 'new tables with foreign keys, inline', from: '', to: `${USERS} ${POSTS}`, up: ['REFERENCES'], rebuild: false },
  { name: 'drop tables with foreign keys', from: `${BASE} ${POSTS} ${POST_ROWS}`, to: '', rebuild: false },
  { name: 'rebuild a parent keeps the children rows (cascade not fired)', from: `${BASE} ${POSTS} ${POST_ROWS}`, to: `${USERS.replace('age INTEGER', 'age REAL')} ${POSTS}`, rebuild: true },
  { name: 'indexes', from: BASE, to: `${USERS} CREATE INDEX users_name ON users (name); CREATE UNIQUE INDEX users_email ON users (email COLLATE NOCASE); CREATE INDEX users_adults ON users (age) WHERE age >= 18;`, rebuild: false },
  { name: 'expression index dropped and changed', from: `${BASE} CREATE INDEX users_lower ON users (lower(email)); CREATE INDEX users_age ON users (age);`, to: `${USERS} CREATE INDEX users_lower ON users (lower(name));`, rebuild: false },
  { name: 'rebuild keeps indexes and triggers', from: `${BASE} CREATE INDEX users_name ON users (name); CREATE TRIGGER users_ai AFTER INSERT ON users BEGIN UPDATE users SET name = upper(NEW.name) WHERE id = NEW.id; END;`, to: `${USERS.replace('age INTEGER', 'age REAL')} CREATE INDEX users_name ON users (name); CREATE TRIGGER users_ai AFTER INSERT ON users BEGIN UPDATE users SET name = upper(NEW.name) WHERE id = NEW.id; END;`, rebuild: true },
  { name: 'views', from: BASE, to: `${USERS} CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;`, rebuild: false },
  { name: 'changed view', from: `${BASE} CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;`, to: `${USERS} CREATE VIEW adults AS SELECT id, name, email FROM users WHERE age >= 21;`, rebuild: false },
  { name: 'rebuild under a view', from: `${BASE} CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;`, to: `${USERS.replace('name TEXT', 'name TEXT NOT NULL')} CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;`, rebuild: true },
  { name: 'triggers', from: BASE, to: `${USERS} CREATE TRIGGER users_bu BEFORE UPDATE ON users BEGIN SELECT RAISE(ABORT, 'no') WHERE NEW.age < 0; END;`, rebuild: false },
  { name: 'generated columns', from: BASE, to: USERS.replace('age INTEGER', 'age INTEGER, age2 INTEGER GENERATED ALWAYS AS (age * 2) VIRTUAL, age3 INTEGER GENERATED ALWAYS AS (age + 1) STORED'), rebuild: true },
  { name: 'autoincrement', from: 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT); INSERT INTO t VALUES (5, \'x\');', to: 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT);', rebuild: true },
  { name: 'strict and without rowid', from: 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);', to: 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT) STRICT, WITHOUT ROWID;', rebuild: true },
  { name: 'rename a column and change its type', from: BASE, to: USERS.replace('age INTEGER', 'years REAL'), renames: [{ from: 'users.age', to: 'users.years' }], rebuild: true },
  { name: 'rename a table with an index and a trigger and change it', from: `${BASE} CREATE INDEX users_name ON users (name); CREATE TRIGGER users_ai AFTER INSERT ON users BEGIN SELECT 1; END;`, to: `${USERS.replace('users', 'members').replace('age INTEGER', 'age REAL')} CREATE INDEX users_name ON members (name); CREATE TRIGGER users_ai AFTER INSERT ON members BEGIN SELECT 1; END;`, renames: [{ from: 'users', to: 'members' }], rebuild: true },
  { name: 'rename a table under an index, a trigger and a view', from: `${BASE} CREATE INDEX users_name ON users (name); CREATE VIEW named AS SELECT id, name FROM users; CREATE TRIGGER users_au AFTER UPDATE ON users BEGIN UPDATE users SET age = 0 WHERE id = NEW.id AND NEW.age < 0; END;`, to: `${USERS.replace('users', 'members')} CREATE INDEX users_name ON members (name); CREATE VIEW named AS SELECT id, name FROM members; CREATE TRIGGER users_au AFTER UPDATE ON members BEGIN UPDATE members SET age = 0 WHERE id = NEW.id AND NEW.age < 0; END;`, renames: [{ from: 'users', to: 'members' }], rebuild: false },
  { name: 'quoted names', from: 'CREATE TABLE "my table" ("the id" INTEGER PRIMARY KEY, "select" TEXT);', to: 'CREATE TABLE "my table" ("the id" INTEGER PRIMARY KEY, "select" TEXT NOT NULL DEFAULT \'\', "new col" INTEGER);', rebuild: true },
  { name: 'common declared types and defaults', from: BASE, to: USERS.replace('age INTEGER', "age INTEGER, ok BOOLEAN NOT NULL DEFAULT 0, born DATETIME DEFAULT '2000-01-01', code VARCHAR(255) DEFAULT 'x', amount NUMERIC(10,2) DEFAULT 1.5"), rebuild: false },
  { name: 'without rowid with a composite key', from: 'CREATE TABLE kv (k TEXT NOT NULL, n INTEGER NOT NULL, v TEXT, PRIMARY KEY (k, n)) WITHOUT ROWID;', to: 'CREATE TABLE kv (k TEXT NOT NULL, n INTEGER NOT NULL, v BLOB, PRIMARY KEY (k, n)) WITHOUT ROWID;', rebuild: true },
  { name: 'two tables rebuilt, one pointing at the other', from: `${BASE} ${POSTS} ${POST_ROWS}`, to: `${USERS.replace('name TEXT', 'name TEXT NOT NULL')} ${POSTS.replace('title TEXT', 'title TEXT NOT NULL DEFAULT \'\'').replace('ON DELETE CASCADE', 'ON DELETE CASCADE ON UPDATE CASCADE')}`, rebuild: true },
  // Down cannot bring the parent's rows back, so children rows would break the restored key.
  { name: 'parent dropped, child rebuilt without its key', sampleRows: 0, from: `${BASE} ${POSTS}`, to: 'CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER, title TEXT);', rebuild: true },
  { name: 'self-referencing key added', from: 'CREATE TABLE node (id INTEGER PRIMARY KEY, parent_id INTEGER); INSERT INTO node VALUES (1, NULL), (2, 1);', to: 'CREATE TABLE node (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES node (id) DEFERRABLE INITIALLY DEFERRED);', rebuild: true },
  { name: 'column added with a foreign key', from: `${BASE} CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT);`, to: `${USERS} CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT, user_id INTEGER REFERENCES users (id));`, rebuild: true },
  { name: 'named check replaced', from: `${USERS.replace('age INTEGER', 'age INTEGER CONSTRAINT age_ok CHECK (age > 0)')} ${ROWS}`, to: USERS.replace('age INTEGER', 'age INTEGER CONSTRAINT age_ok CHECK (age >= 0)'), rebuild: true },
  // Between the two rebuilds the child's key names a parent key that is not unique yet: one foreign_key_check, after the last rebuild (sqldef's ForeignKeyDependenciesPrimaryKeyChange).
  { name: 'primary key widened under a composite foreign key (two rebuilds, one check)', from: 'CREATE TABLE items (item_id INTEGER PRIMARY KEY, supplier_id INTEGER, name TEXT); CREATE TABLE prices (id INTEGER PRIMARY KEY, item_id INTEGER, price REAL, CONSTRAINT prices_item FOREIGN KEY (item_id) REFERENCES items (item_id));', to: 'CREATE TABLE items (item_id INTEGER NOT NULL, supplier_id INTEGER NOT NULL DEFAULT 0, name TEXT, PRIMARY KEY (supplier_id, item_id)); CREATE TABLE prices (id INTEGER PRIMARY KEY, item_id INTEGER, supplier_id INTEGER, price REAL, CONSTRAINT prices_item FOREIGN KEY (supplier_id, item_id) REFERENCES items (supplier_id, item_id));', rebuild: true },
  // A keyword as a column alias names the view's column as written (sqldef's ViewWithColNameKeywordAliases).
  { name: 'view with keyword aliases', from: BASE, to: `${USERS} CREATE VIEW aliased AS SELECT id AS key, name AS replace, 1 AS action FROM users;`, rebuild: false },
  { name: 'rename a table and change it', from: BASE, to: USERS.replace('users', 'members').replace('age INTEGER', 'age REAL'), renames: [{ from: 'users', to: 'members' }], rebuild: true },
];
