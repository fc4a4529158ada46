import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hazard } from '../../src/core/hazard.js';
import { makePlan, type Step } from '../../src/core/plan.js';
import { renderDown, renderUp, sqlEmitter } from '../../src/emit/formats/sql.js';
import { nextSequence, slugify, timestampPrefix } from '../../src/emit/naming.js';
import { writeFiles } from '../../src/emit/write-files.js';

const step = (sql: string, reverse: string, extra: Partial<Step> = {}): Step => ({
  sql: [sql],
  reverse: { kind: 'sql', sql: [reverse] },
  hazards: [],
  phase: 'migrate',
  transactional: true,
  description: sql.toLowerCase(),
  ...extra,
});

describe('sql emitter', () => {
  const plan = makePlan('postgres', [
    step("ALTER TYPE m ADD VALUE 'b'", 'SELECT 1', { transactional: false }),
    step('CREATE TABLE t (a int)', 'DROP TABLE t'),
    step('CREATE INDEX CONCURRENTLY i ON t (a)', 'DROP INDEX CONCURRENTLY IF EXISTS i', { transactional: false }),
  ], true);

  it('groups transactional steps in BEGIN/COMMIT and leaves the others outside, in both directions', () => {
    const up = renderUp(plan, { name: 'm' });
    expect(up.indexOf("ALTER TYPE m ADD VALUE 'b';")).toBeLessThan(up.indexOf('BEGIN;'));
    expect(up.indexOf('COMMIT;')).toBeLessThan(up.indexOf('CREATE INDEX CONCURRENTLY'));
    expect(up).toContain('(runs outside a transaction)');
    const down = renderDown(plan, { name: 'm' });
    expect(down.indexOf('DROP INDEX CONCURRENTLY')).toBeLessThan(down.indexOf('DROP TABLE t;'));
    expect(down.indexOf('COMMIT;')).toBeLessThan(down.indexOf('SELECT 1;'));
  });

  it('guards a destructive migration unless data loss is allowed', () => {
    const destructive = makePlan('postgres', [step('DROP TABLE t', 'CREATE TABLE t ()', { hazards: [hazard('DATA_LOSS', 'drops t')] })], true);
    expect(renderUp(destructive, { name: 'm' })).toMatch(/RAISE EXCEPTION/);
    expect(renderUp(destructive, { name: 'm', allowDataLoss: true })).not.toMatch(/RAISE EXCEPTION/);
  });

  it('says in the down file what it cannot restore', () => {
    const lossy = makePlan('postgres', [{ ...step('DROP TABLE t', 'CREATE TABLE t ()'), reverse: { kind: 'sql', sql: ['CREATE TABLE t ()'], lossy: 'rows are gone' } }], true);
    expect(lossy.reversible).toBe(false);
    expect(renderDown(lossy, { name: 'm' })).toContain('LOSSY: rows are gone');
  });

  it('names files PREFIX_name.up.sql and .down.sql', () => {
    expect(sqlEmitter.emit(plan, { name: 'add_t', prefix: '007', timestamp: '20250101120000', existing: [] }).map((f) => f.path)).toEqual(['007_add_t.up.sql', '007_add_t.down.sql']);
  });
});

describe('naming', () => {
  it('numbers after the highest existing sequence and ignores timestamps', () => {
    expect(nextSequence([])).toBe('001');
    expect(nextSequence(['001_a.up.sql', '012_b.down.sql', '20250101120000_c.up.sql', 'notes.md'])).toBe('013');
  });
  it('turns dates into UTC digits and keeps digits', () => {
    expect(timestampPrefix('2025-01-02T03:04:05Z')).toBe('20250102030405');
    expect(timestampPrefix('20250101')).toBe('20250101');
    expect(() => timestampPrefix('soon')).toThrow(/timestamp/);
  });
  it('slugs names', () => {
    expect(slugify('Add column public.users.email!')).toBe('add_column_public_users_email');
  });
});

describe('writeFiles', () => {
  it('writes atomically, never overwrites, and refuses paths outside the folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mg-'));
    await writeFiles(dir, [{ path: '001_a.up.sql', content: 'x' }]);
    expect(await readFile(join(dir, '001_a.up.sql'), 'utf8')).toBe('x');
    await writeFile(join(dir, '002_b.down.sql'), 'keep');
    await expect(writeFiles(dir, [{ path: '002_b.up.sql', content: 'new' }, { path: '002_b.down.sql', content: 'new' }])).rejects.toThrow(/already exists/);
    expect(await readFile(join(dir, '002_b.down.sql'), 'utf8')).toBe('keep');
    await expect(writeFiles(dir, [{ path: '../evil.sql', content: '' }])).rejects.toThrow(/inside the output folder/);
    await expect(writeFiles(dir, [{ path: '/tmp/evil.sql', content: '' }])).rejects.toThrow(/inside the output folder/);
    expect((await readdir(dir)).sort()).toEqual(['001_a.up.sql', '002_b.down.sql']);
  });
});
