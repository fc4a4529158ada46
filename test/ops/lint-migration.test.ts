import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { lintMigration, lintMigrationInputSchema, lintMigrationOutputSchema } from '../../src/ops/lint-migration.js';

describe('lint-migration op', () => {
  it('lints inline SQL and files, and summarises by severity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-op-'));
    const file = join(dir, '002_index.sql');
    writeFileSync(file, "SET lock_timeout = '2s';\nCREATE INDEX i ON orders (user_id);\n");
    const output = await lintMigration({ sql: 'ALTER TABLE users DROP COLUMN legacy;', files: [file] });
    expect(lintMigrationOutputSchema.parse(output)).toEqual(output);
    expect(output.files).toEqual([
      { file: '<input>', statements: 1, disabled: [] },
      { file, statements: 2, disabled: [] },
    ]);
    expect(output.findings.map((f) => [f.rule, f.file, f.line])).toEqual([
      ['ban-drop-column', undefined, 1],
      ['require-timeout-settings', undefined, 1],
      ['require-concurrent-index-creation', file, 2],
    ]);
    expect(output.summary).toEqual({ errors: 2, warnings: 1, infos: 0 });
  });

  it('passes pgVersion and disable through', async () => {
    const output = await lintMigration({ sql: "ALTER TABLE t ADD COLUMN c text DEFAULT 'x';", pgVersion: 10, disable: ['require-timeout-settings'] });
    expect(output.findings.map((f) => f.rule)).toEqual(['adding-field-with-default']);
    expect(output.files[0]?.disabled).toEqual(['require-timeout-settings']);
  });

  it('reports a missing file as NOT_FOUND naming it', async () => {
    const missing = join(tmpdir(), 'does-not-exist-lint.sql');
    await expect(lintMigration({ files: [missing] })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(missing) });
  });

  it('requires sql or files, in the schema and in the function', async () => {
    expect(lintMigrationInputSchema.safeParse({}).success).toBe(false);
    expect(lintMigrationInputSchema.safeParse({ files: [] }).success).toBe(false);
    expect(lintMigrationInputSchema.safeParse({ sql: 'SELECT 1' }).success).toBe(true);
    await expect(lintMigration({})).rejects.toBeInstanceOf(UserError);
  });

  it('turns a syntax error into a located UserError', async () => {
    await expect(lintMigration({ sql: 'SELEC 1;' })).rejects.toMatchObject({ code: 'SYNTAX_ERROR', location: { line: 1, column: 1 } });
  });
});
