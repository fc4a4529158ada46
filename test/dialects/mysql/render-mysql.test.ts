import { describe, expect, it } from 'vitest';
import { isWidening } from '../../../src/dialects/mysql/render/clauses.js';
import { mysqlPlanDialect } from '../../../src/dialects/mysql/render/index.js';
import { diffSchemas } from '../../../src/diff/diff.js';
import { planMigration } from '../../../src/plan/plan.js';
import { loadMysqlSql } from '../../../src/sources/sql/load-mysql-sql.js';

/** Plans from SQL text read without a server, so these run everywhere. */
async function plan(from: string, to: string) {
  const [a, b] = [await loadMysqlSql([{ file: 'a.sql', text: from }]), await loadMysqlSql([{ file: 'b.sql', text: to }])];
  return planMigration({ changes: diffSchemas(a, b).changes, from: a, to: b, dialect: mysqlPlanDialect });
}

const T = 'CREATE TABLE t (id int NOT NULL PRIMARY KEY, a varchar(10), b int, c enum(\'x\',\'y\'));';

describe('MySQL plan', () => {
  it('merges the changes of a table into one statement with the weakest algorithm they share (removing an enum value copies)', async () => {
    const p = await plan(T, T.replace('b int', 'b int DEFAULT 5, d int').replace("'y')", "'y','z')"));
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]?.sql[0]).toBe("ALTER TABLE `t`\n  ADD COLUMN `d` int NULL AFTER `b`,\n  ALTER COLUMN `b` SET DEFAULT 5,\n  MODIFY COLUMN `c` enum('x','y','z') NULL,\n  ALGORITHM=INSTANT");
    expect(p.steps[0]?.reverse).toEqual({ kind: 'sql', sql: ["ALTER TABLE `t`\n  DROP COLUMN `d`,\n  ALTER COLUMN `b` DROP DEFAULT,\n  MODIFY COLUMN `c` enum('x','y') NULL"] });
    expect(p.transactional).toBe(false);
    expect(p.steps.every((s) => !s.transactional)).toBe(true);
    expect(p.notes?.[0]).toMatch(/not transactional/);
  });

  it('gives no hint and warns when the table is copied', async () => {
    const p = await plan(T, T.replace('b int', 'b bigint').replace('a varchar(10)', 'a varchar(12)'));
    expect(p.steps[0]?.sql[0]).not.toMatch(/ALGORITHM/);
    expect(p.steps[0]?.hazards.map((h) => h.code)).toContain('TABLE_REWRITE');
  });

  it('replaces a primary key in place, in one statement', async () => {
    const p = await plan('CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a));', 'CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));');
    expect(p.steps.map((s) => s.sql[0])).toEqual(['ALTER TABLE `t`\n  DROP PRIMARY KEY,\n  ADD PRIMARY KEY (a, b),\n  ALGORITHM=INPLACE,\n  LOCK=NONE']);
  });

  it('keeps foreign keys in their own statements, after the tables they need', async () => {
    const p = await plan('', 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int, CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p (id));');
    const sql = p.steps.map((s) => s.sql.join(';'));
    expect(sql.findIndex((s) => s.includes('FOREIGN KEY'))).toBeGreaterThan(sql.findIndex((s) => s.startsWith('CREATE TABLE `p`')));
    expect(sql.find((s) => s.includes('FOREIGN KEY'))).not.toMatch(/ALGORITHM/);
  });

  it('knows which type changes keep every value', () => {
    expect(['int>bigint', 'int>int unsigned', 'int unsigned>bigint', 'varchar(10)>varchar(20)', 'varchar(10)>text', 'text>longtext', "enum('a')>enum('a','b')"].map((p) => isWidening(...(p.split('>') as [string, string])))).toEqual([true, false, true, true, true, true, true]);
    expect(['bigint>int', 'varchar(20)>varchar(10)', "enum('a','b')>enum('a')", 'int>varchar(10)'].map((p) => isWidening(...(p.split('>') as [string, string])))).toEqual([false, false, false, false]);
  });
});
