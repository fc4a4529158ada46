import { describe, expect, it } from 'vitest';
import type { Schema } from '../../../src/core/model.js';
import { mysqlPlanDialect } from '../../../src/dialects/mysql/render/index.js';
import { diffSchemas } from '../../../src/diff/diff.js';
import { renderDown, renderUp } from '../../../src/emit/formats/sql.js';
import { planMigration } from '../../../src/plan/plan.js';
import { loadMysqlSql } from '../../../src/sources/sql/load-mysql-sql.js';
import { validateMysqlMigration } from '../../../src/validate/validate-mysql.js';
import { MYSQL_TEST_URL } from './helpers.js';
import { MYSQL_CASES } from './cases.js';

async function load(sql: string): Promise<Schema> {
  return loadMysqlSql([{ file: 'x.sql', text: sql }], { serverUrl: MYSQL_TEST_URL });
}

describe.skipIf(!MYSQL_TEST_URL)('MySQL migrations round-trip on MariaDB', () => {
  it('has a broad matrix', () => expect(MYSQL_CASES.length).toBeGreaterThanOrEqual(25));

  for (const c of MYSQL_CASES) {
    it(c.name, async () => {
      const [from, to] = [await load(c.from), await load(c.to)];
      const { changes } = diffSchemas(from, to, { renames: c.renames ?? [] });
      expect(changes.length).toBeGreaterThan(0);
      const plan = planMigration({ changes, from, to, dialect: mysqlPlanDialect });
      const up = renderUp(plan, { name: 'm', allowDataLoss: true });
      const down = renderDown(plan, { name: 'm' });
      expect(up).not.toMatch(/^BEGIN;/m);
      for (const text of c.up ?? []) expect(up).toMatch(text);
      const result = await validateMysqlMigration({ fromSql: c.from, from, to, up, down, serverUrl: MYSQL_TEST_URL, sampleRows: c.sampleRows ?? 3 });
      expect(result.steps, `${up}\n${down}`).toEqual(result.steps.map((s) => ({ name: s.name, ok: true })));
      if (c.sampleRows === undefined) expect(result.sampleRows?.skipped, 'every table gets sample rows').toEqual([]);
    });
  }
});

/** The same cases planned from SQL text read without a server (the default path), proven on the server. */
describe.skipIf(!MYSQL_TEST_URL)('MySQL migrations planned from text read without a server', () => {
  for (const c of MYSQL_CASES.filter((x) => !x.serverOnly)) {
    it(c.name, async () => {
      const read = (sql: string) => loadMysqlSql([{ file: 'x.sql', text: sql }]);
      const [from, to] = [await read(c.from), await read(c.to)];
      const plan = planMigration({ changes: diffSchemas(from, to, { renames: c.renames ?? [] }).changes, from, to, dialect: mysqlPlanDialect });
      const [up, down] = [renderUp(plan, { name: 'm', allowDataLoss: true }), renderDown(plan, { name: 'm' })];
      const result = await validateMysqlMigration({ fromSql: c.from, from: await load(c.from), to: await load(c.to), up, down, serverUrl: MYSQL_TEST_URL, sampleRows: c.sampleRows ?? 3 });
      expect(result.steps, `${up}\n${down}`).toEqual(result.steps.map((s) => ({ name: s.name, ok: true })));
    });
  }
});
