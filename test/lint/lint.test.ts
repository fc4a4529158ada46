import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { lintSql } from '../../src/lint/lint.js';
import { expectNone, expectOne, findingsOf } from './helpers.js';

function userError(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('positions', () => {
  it('points at the statement start on later lines, after comments and blank lines', () => {
    const sql = 'SELECT 1;\n\n-- drop it\n   DROP TABLE audit_log;\n';
    const finding = expectOne('ban-drop-table', sql, 4, 4);
    expect(finding.statement).toBe('DROP TABLE audit_log');
  });

  it('converts UTF-8 byte offsets to string columns with accents and astral characters', () => {
    const line3 = `  SELECT '🎉'; ALTER TABLE "tä" ADD COLUMN c uuid DEFAULT gen_random_uuid();`;
    const sql = `-- héllo wörld\nSELECT 'ü';\n${line3}\n`;
    const finding = expectOne('adding-field-with-default', sql, 3, line3.indexOf('DEFAULT') + 1);
    expect(finding.statement).toBe('ALTER TABLE "tä" ADD COLUMN c uuid DEFAULT gen_random_uuid()');
    expect(findingsOf('require-timeout-settings', sql)[0]?.column).toBe(line3.indexOf('ALTER') + 1);
  });

  it('points into a multi-line statement at the offending part', () => {
    const sql = 'ALTER TABLE users\n  ADD COLUMN a text,\n  ADD COLUMN b int NOT NULL;';
    expectOne('adding-required-field', sql, 3, 14);
  });

  it('sorts findings by position and is deterministic', () => {
    const sql = 'DROP TABLE b;\nALTER TABLE a DROP COLUMN x;\nCREATE INDEX i ON a (y);';
    const first = lintSql(sql);
    expect(first.findings.map((f) => f.line)).toEqual([...first.findings.map((f) => f.line)].sort((x, y) => x - y));
    expect(JSON.stringify(lintSql(sql))).toBe(JSON.stringify(first));
    expect(first.statements).toBe(3);
  });

  it('accepts empty input and comment-only input', () => {
    expect(lintSql('')).toEqual({ findings: [], statements: 0, disabled: [] });
    expect(lintSql('-- nothing here\n/* still nothing */').statements).toBe(0);
  });
});

describe('syntax errors', () => {
  it('become SYNTAX_ERROR with line and column', () => {
    const error = userError(() => lintSql('SELECT 1;\nALTER TABLE t ADD COLUMN;', { file: 'm.sql' }));
    expect(error.code).toBe('SYNTAX_ERROR');
    expect(error.location).toEqual({ file: 'm.sql', line: 2, column: 25 });
    expect(error.format()).toMatch(/^m\.sql:2:25: syntax error/u);
  });

  it('count columns in characters after non-ASCII text', () => {
    const error = userError(() => lintSql("SELECT 'é🎉' FRM x;"));
    expect(error.location).toMatchObject({ line: 1, column: "SELECT 'é🎉' FRM ".length + 1 });
  });
});

describe('disable comments', () => {
  it('silence the listed rules for the next statement only', () => {
    const sql =
      '-- migration-generator-disable ban-drop-column, require-timeout-settings -- unused since v2\n' +
      'ALTER TABLE users DROP COLUMN legacy;\nALTER TABLE users DROP COLUMN other;';
    const found = findingsOf('ban-drop-column', sql);
    expect(found.map((f) => f.line)).toEqual([3]);
  });

  it('accept block comments and a bare directive silences every rule', () => {
    expectNone('ban-drop-table', '/* migration-generator-disable ban-drop-table */ DROP TABLE t;');
    expect(lintSql('-- migration-generator-disable\nALTER TABLE t DROP COLUMN c;').findings).toEqual([]);
  });

  it('do not leak from inside or after a statement to the one before', () => {
    const sql = 'DROP TABLE a; -- migration-generator-disable ban-drop-table\nDROP TABLE b;';
    expect(findingsOf('ban-drop-table', sql).map((f) => f.statement)).toEqual(['DROP TABLE a']);
  });

  it('accept -next-statement as another spelling', () => {
    const sql = '-- migration-generator-disable-next-statement ban-drop-table\nDROP TABLE a;\nDROP TABLE b;';
    expect(findingsOf('ban-drop-table', sql).map((f) => f.statement)).toEqual(['DROP TABLE b']);
  });

  it('apply file-wide with -file and report it as disabled', () => {
    const sql = 'DROP TABLE a;\n-- migration-generator-disable-file ban-drop-table\nDROP TABLE b;';
    const result = lintSql(sql);
    expect(result.findings.filter((f) => f.rule === 'ban-drop-table')).toEqual([]);
    expect(result.disabled).toEqual(['ban-drop-table']);
  });

  it('reject unknown rule ids with their position', () => {
    const error = userError(() => lintSql('SELECT 1;\n-- migration-generator-disable ban-drop-tabel\nDROP TABLE t;'));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.location).toMatchObject({ line: 2, column: 1 });
    expect(error.message).toContain('ban-drop-tabel');
  });
});

describe('per-run options', () => {
  it('disable rules for the whole run', () => {
    const sql = 'DROP TABLE a; ALTER TABLE b DROP COLUMN c;';
    const result = lintSql(sql, { disable: ['ban-drop-table', 'ban-drop-column'] });
    expect(result.findings.map((f) => f.rule)).not.toContain('ban-drop-table');
    expect(result.findings.map((f) => f.rule)).not.toContain('ban-drop-column');
    expect(result.disabled).toEqual(['ban-drop-column', 'ban-drop-table']);
  });

  it('reject unknown rule ids and impossible versions', () => {
    expect(userError(() => lintSql('SELECT 1', { disable: ['nope'] })).code).toBe('BAD_INPUT');
    expect(userError(() => lintSql('SELECT 1', { pgVersion: 15.5 })).code).toBe('BAD_INPUT');
    expect(userError(() => lintSql('SELECT 1', { pgVersion: 1 })).code).toBe('BAD_INPUT');
  });

  it('gate rules on the PostgreSQL version', () => {
    const sql = "ALTER TABLE t ADD COLUMN c text DEFAULT 'x';";
    expectOne('adding-field-with-default', sql, 1, 33, { pgVersion: 10 });
    expectNone('adding-field-with-default', sql, { pgVersion: 11 });
    expectNone('require-concurrent-reindex', 'REINDEX TABLE t;', { pgVersion: 11 });
    expectOne('require-concurrent-reindex', 'REINDEX TABLE t;', 1, 1, { pgVersion: 12 });
  });

  it('carry the file name, hazard code and docs link on findings', () => {
    const [finding] = lintSql('DROP TABLE t;', { file: 'db/001.sql', disable: ['require-timeout-settings'] }).findings;
    expect(finding).toMatchObject({
      rule: 'ban-drop-table',
      code: 'DATA_LOSS',
      severity: 'error',
      file: 'db/001.sql',
      docs: 'migration-generator://lint-rules/ban-drop-table',
    });
  });
});

describe('tables created in the same file', () => {
  it('are exempt from lock and rewrite rules, qualified or not', () => {
    const sql = [
      'CREATE TABLE public.accounts (id bigint PRIMARY KEY, owner text);',
      'CREATE INDEX accounts_owner_idx ON accounts (owner);',
      'ALTER TABLE accounts ADD COLUMN tenant bigint NOT NULL;',
      'ALTER TABLE public.accounts ADD CONSTRAINT accounts_owner_key UNIQUE (owner);',
      'ALTER TABLE accounts ALTER COLUMN owner SET NOT NULL;',
    ].join('\n');
    const rules = lintSql(sql).findings.map((f) => f.rule);
    expect(rules).toEqual([]);
  });

  it('do not exempt other tables or tables created later', () => {
    const sql = 'CREATE INDEX i ON accounts (owner);\nCREATE TABLE accounts (owner text);\nCREATE INDEX j ON other.accounts2 (x);';
    expect(findingsOf('require-concurrent-index-creation', sql).map((f) => f.line)).toEqual([1, 3]);
  });
});

describe('lock_timeout tracking', () => {
  it('counts SET and set_config, not zero', () => {
    expectNone('require-timeout-settings', "SET lock_timeout = '3s';\nALTER TABLE t ADD COLUMN c text;");
    expectNone('require-timeout-settings', "SELECT set_config('lock_timeout', '3s', false);\nALTER TABLE t ADD COLUMN c text;");
    expectOne('require-timeout-settings', 'SET lock_timeout = 0;\nALTER TABLE t ADD COLUMN c text;', 2, 1);
  });

  it('forgets SET LOCAL at the end of its transaction', () => {
    const sql = "BEGIN;\nSET LOCAL lock_timeout = '1s';\nALTER TABLE t ADD COLUMN a text;\nCOMMIT;\nALTER TABLE t ADD COLUMN b text;";
    expectOne('require-timeout-settings', sql, 5, 1);
  });
});
