import { describe, expect, it } from 'vitest';
import type { Schema } from '../../../src/core/model.js';
import { sqlitePlanDialect } from '../../../src/dialects/sqlite/render/index.js';
import { diffSchemas } from '../../../src/diff/diff.js';
import { renderDown, renderUp } from '../../../src/emit/formats/sql.js';
import { planMigration } from '../../../src/plan/plan.js';
import { loadSqliteSql } from '../../../src/sources/sql/load-sqlite-sql.js';
import { validateSqliteMigration } from '../../../src/validate/validate-sqlite.js';
import { SQLITE_CASES } from './cases.js';

function load(sql: string): Schema {
  return loadSqliteSql([{ file: 'x.sql', text: sql }]);
}

describe('SQLite migrations round-trip in memory', () => {
  it('has a broad matrix', () => expect(SQLITE_CASES.length).toBeGreaterThanOrEqual(25));

  for (const c of SQLITE_CASES) {
    it(c.name, async () => {
      const [from, to] = [load(c.from), load(c.to)];
      const { changes } = diffSchemas(from, to, { renames: c.renames ?? [] });
      expect(changes.length).toBeGreaterThan(0);
      const plan = planMigration({ changes, from, to, dialect: sqlitePlanDialect });
      const up = renderUp(plan, { name: 'm', allowDataLoss: true });
      const down = renderDown(plan, { name: 'm' });
      for (const text of c.up ?? []) expect(up).toMatch(text);
      if (c.rebuild !== undefined) expect(up.includes('PRAGMA foreign_key_check'), up).toBe(c.rebuild);
      const result = await validateSqliteMigration({ fromSql: c.from, from, to, up, down, sampleRows: c.sampleRows ?? 3 });
      if (c.sampleRows === undefined) expect(result.sampleRows?.skipped, 'every table gets sample rows').toEqual([]);
      expect(result.steps, `${up}\n${down}`).toEqual(result.steps.map((s) => ({ name: s.name, ok: true })));
      if (plan.reversible) for (const r of result.rows) expect(r.afterDown, r.table).toBe(r.before);
    });
  }
});
