/**
 * The validation sequence for engines other than PostgreSQL (MySQL/MariaDB, SQLite): load `from`, add
 * sample rows, apply up, compare with `to`, apply down, compare with `from`, and check that up kept
 * the rows of the tables it keeps.
 */
import { UserError } from '../core/errors.js';
import type { Schema } from '../core/model.js';
import { countRowsSql, insertSampleRowsSql, type SampleDialect } from './sample-rows-sql.js';
import type { SampleResult } from './sample-rows.js';
import { compare, type RowCheck, type ValidateMigrationInput, type ValidationResult, type ValidationStep } from './validate-migration.js';

export interface ScratchEngine extends SampleDialect {
  readonly engine: 'mysql' | 'sqlite';
  apply(sql: string): Promise<{ ok: boolean; error?: string }>;
  read(): Promise<Schema>;
}

/** Cancellation and progress, as PostgreSQL's validation takes them (same stage names). */
interface StageHooks {
  readonly signal?: AbortSignal;
  readonly onStage?: (stage: 'load from' | 'apply up' | 'apply down' | 'compare with from') => void | Promise<void>;
}

export async function proveOn(db: ScratchEngine, validation: ValidateMigrationInput): Promise<ValidationResult> {
  const input = validation as ValidateMigrationInput & StageHooks;
  const stage = async (name: Parameters<NonNullable<StageHooks['onStage']>>[0]): Promise<void> => {
    if (input.signal?.aborted) throw new UserError('CANCELLED', `validation was cancelled before "${name}"`);
    await input.onStage?.(name);
  };
  const steps: ValidationStep[] = [];
  let sample: SampleResult | undefined;
  let rows: RowCheck[] = [];
  const done = (): ValidationResult => ({ ok: steps.every((s) => s.ok), engine: db.engine, steps, ...(sample ? { sampleRows: sample } : {}), rows });
  await stage('load from');
  const loaded = await db.apply(input.fromSql);
  steps.push({ name: 'load from', ...loaded });
  if (!loaded.ok) return done();
  if (input.sampleRows !== 0) sample = await insertSampleRowsSql(input.from, db, input.sampleRows ?? 3);
  const before = await countRowsSql(input.from, db);
  rows = [...before].map(([table, count]) => ({ table, before: count }));
  await stage('apply up');
  const up = await db.apply(input.up);
  steps.push({ name: 'apply up', ...up });
  if (!up.ok) return done();
  if (input.to) steps.push(compare('compare with to', await db.read(), input.to));
  const afterUp = await countRowsSql(input.to ?? input.from, db);
  rows = rows.map((r) => ({ ...r, afterUp: afterUp.get(r.table) }));
  await stage('apply down');
  const down = await db.apply(input.down);
  steps.push({ name: 'apply down', ...down });
  if (!down.ok) return done();
  await stage('compare with from');
  steps.push(compare('compare with from', await db.read(), input.from));
  const afterDown = await countRowsSql(input.from, db);
  rows = rows.map((r) => ({ ...r, afterDown: afterDown.get(r.table) }));
  const lost = rows.filter((r) => r.afterUp !== undefined && r.afterUp < r.before);
  steps.push(lost.length === 0 ? { name: 'rows kept by up', ok: true } : { name: 'rows kept by up', ok: false, differences: lost.map((r) => `${r.table}: ${r.before} rows before up, ${r.afterUp} after`) });
  return done();
}
