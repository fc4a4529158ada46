/**
 * rollback: the down migration of an up migration. With the schema before it (`from`, or the earlier
 * migrations of its folder) the down is exact: the up is applied on a scratch database, the way back
 * is planned and then proven there. Without it, the SQL is inverted statement by statement and what
 * cannot be inverted is named, with what the user must supply. Nothing is written and no database
 * but a scratch one is ever migrated.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { UserError } from '../core/errors.js';
import { emptySchema } from '../core/model.js';
import { loadSchema, isDatabaseUrl } from '../sources/resolve.js';
import { upSectionsOnly } from '../sources/sql/up-sections.js';
import { applyOrThrow, dataLossOf, exactRollback, verifyDown, type ExactRollback } from '../rollback/exact.js';
import { listFolderMigrations, type FolderMigration } from '../rollback/folder.js';
import { invertSql } from '../rollback/invert-sql.js';
import { acquireScratch } from '../validate/scratch-postgres.js';
import { throwIfCancelled, type OpContext, type Warning } from './common.js';
import { rollbackInput, type RollbackInput, type RollbackOutput } from './schemas/rollback.js';
import { lintMigration } from './lint-migration.js';
import { fromSqlText } from './validation-shared.js';

export { rollbackInput, rollbackOutput, type RollbackInput, type RollbackOutput } from './schemas/rollback.js';

export async function rollback(raw: RollbackInput, context: OpContext = {}): Promise<RollbackOutput> {
  const input = rollbackInput.parse(raw);
  if (input.folder) return rollbackFolder(input.folder, input, context);
  const name = input.migration ?? '<inline>';
  const up = input.sql ?? (await readMigration(input.migration as string));
  if (input.from) return rollbackExact(up, name, input.from, input, context);
  if (input.keepData) throw new UserError('BAD_INPUT', 'keeping data needs the schema before the migration', { hint: 'pass --from <schema before> (or --folder)' });
  return rollbackStatements(up, name);
}

type Input = z.output<typeof rollbackInput>;

async function rollbackStatements(up: string, name: string): Promise<RollbackOutput> {
  const file = name === '<inline>' ? undefined : name;
  const inverted = await invertSql(up, file);
  const lint = await lintMigration({ sql: up });
  const loss = lint.findings.filter((f) => f.code === 'DATA_LOSS');
  return {
    mode: 'statements',
    down: inverted.down,
    irreversible: inverted.irreversible.map((i) => ({ ...(file ? { file } : {}), line: i.line, statement: i.statement, reason: i.reason })),
    warnings: [
      ...loss.map((f) => ({ code: 'DATA_LOSS', severity: 'warning' as const, message: `line ${f.line}: ${f.message}; with --from, --keep-data writes an up that backs it up first` })),
      ...inverted.statements.filter((s) => s.lossy).map((s) => ({ code: 'LOSSY_DOWN', severity: 'info' as const, message: `line ${s.line}: ${s.lossy}` })),
    ],
    dataLoss: loss.map((f) => ({ object: `line ${f.line}`, summary: f.message })),
    kept: [],
    migrations: file ? [file] : [],
  };
}

async function rollbackExact(up: string, name: string, from: string, input: Input, context: OpContext): Promise<RollbackOutput> {
  const base = await baseSql(from, input, context);
  const scratch = await acquireScratch({ serverUrl: input.scratchUrl, extensions: extensionsIn(base, up) });
  try {
    await applyOrThrow(scratch.client, base, 'the schema before (--from)');
    throwIfCancelled(context, 'rollback');
    const result = await exactRollback(scratch.client, { up, name, keepData: input.keepData });
    const verified = input.verify ? await verifyDown(scratch.client, result.down, result.before) : undefined;
    return exactOutput('exact', [{ name, result }], result.down, input.keepData, verified);
  } finally {
    await scratch.release();
  }
}

async function rollbackFolder(folder: string, input: Input, context: OpContext): Promise<RollbackOutput> {
  if (input.keepData) throw new UserError('BAD_INPUT', 'keepData works on one migration at a time', { hint: 'pass --migration <file> --from <schema before>' });
  const all = await listFolderMigrations(folder);
  if (input.last > all.length) throw new UserError('BAD_INPUT', `the folder has ${all.length} migrations; cannot roll back ${input.last}`);
  const earlier = all.slice(0, all.length - input.last);
  const targets = all.slice(all.length - input.last);
  const base = input.from ? await baseSql(input.from, input, context) : '';
  try {
    return await rollbackFolderExact(base, earlier, targets, input, context);
  } catch (error) {
    // A folder that does not build on the scratch (an extension or role it lacks) is still inverted statement by statement.
    if (!(error instanceof UserError) || error.code !== 'SQL_ERROR') throw error;
    return rollbackFolderStatements(targets, error.message);
  }
}

async function rollbackFolderStatements(targets: readonly FolderMigration[], why: string): Promise<RollbackOutput> {
  const results = [];
  for (const migration of [...targets].reverse()) results.push(await rollbackStatements(migration.up, migration.file));
  return {
    mode: 'statements',
    down: results.map((r, i) => `-- ==== rolls back ${[...targets].reverse()[i]?.file} ====\n${r.down}`).join('\n'),
    irreversible: results.flatMap((r) => r.irreversible),
    warnings: [{ code: 'NOT_EXACT', severity: 'warning', message: `the folder could not be applied on a scratch database (${why}); inverted statement by statement instead` }, ...results.flatMap((r) => r.warnings)],
    dataLoss: results.flatMap((r) => r.dataLoss),
    kept: [],
    migrations: targets.map((m) => m.file),
  };
}

async function rollbackFolderExact(base: string, earlier: readonly FolderMigration[], targets: readonly FolderMigration[], input: Input, context: OpContext): Promise<RollbackOutput> {
  const all = [...earlier, ...targets];
  const scratch = await acquireScratch({ serverUrl: input.scratchUrl, extensions: extensionsIn(base, ...all.map((m) => m.up)) });
  try {
    if (base) await applyOrThrow(scratch.client, base, 'the schema before (--from)');
    for (const migration of earlier) await applyOrThrow(scratch.client, migration.up, migration.file);
    const results: { name: string; result: ExactRollback }[] = [];
    for (const migration of targets) {
      throwIfCancelled(context, 'rollback');
      results.push({ name: migration.file, result: await exactRollback(scratch.client, { up: migration.up, name: migration.file }) });
    }
    const downs = [...results].reverse();
    const down = downs.map((r) => `-- ==== rolls back ${r.name} ====\n${r.result.down}`).join('\n');
    const verified = input.verify ? await verifyDown(scratch.client, down, (results[0] as { result: ExactRollback }).result.before) : undefined;
    return exactOutput('folder', results, down, false, verified);
  } finally {
    await scratch.release();
  }
}

function exactOutput(
  mode: 'exact' | 'folder',
  results: readonly { name: string; result: ExactRollback }[],
  down: string,
  keepData: boolean,
  verified: { ok: boolean; differences: string[] } | undefined,
): RollbackOutput {
  const irreversible: RollbackOutput['irreversible'] = [];
  const warnings: Warning[] = [];
  const dataLoss: RollbackOutput['dataLoss'] = [];
  const kept: string[] = [];
  for (const { name, result } of results) {
    const file = name === '<inline>' ? {} : { file: name };
    const loss = dataLossOf(result.upChanges);
    dataLoss.push(...loss);
    kept.push(...(result.keep?.kept ?? []));
    if (!keepData) {
      for (const l of loss) {
        irreversible.push({ ...file, statement: l.summary, reason: 'the data it destroys cannot come back from the schema alone; rerun with keepData (--keep-data) for an up that backs it up first' });
        warnings.push({ code: 'DATA_LOSS', severity: 'warning', message: `${l.summary}: the down restores the structure, not the data`, object: l.object });
      }
    }
    for (const reason of result.keep?.notKept ?? []) irreversible.push({ ...file, statement: reason.split(':')[0] as string, reason });
    for (const step of result.plan.steps) {
      if (step.hazards.some((h) => h.code === 'DATA_LOSS')) warnings.push({ code: 'DOWN_DROPS', severity: 'info', message: `the down ${step.description}: data written there after the up is dropped` });
    }
  }
  if (verified && !verified.ok) warnings.push({ code: 'NOT_RESTORED', severity: 'error', message: `the down does not restore the schema before: ${verified.differences.join('; ')}` });
  const up = results.length === 1 ? results[0]?.result.keepUp : undefined;
  return {
    mode,
    down,
    ...(up ? { up } : {}),
    irreversible,
    warnings,
    dataLoss,
    kept,
    migrations: results.map((r) => r.name),
    ...(verified ? { verified } : {}),
  };
}

async function baseSql(from: string, input: Input, context: OpContext): Promise<string> {
  const schema = isDatabaseUrl(from) ? await loadSchema(from, { dialect: 'postgres', stdin: context.stdin }) : undefined;
  return fromSqlText(from, schema ?? emptySchema('postgres'), input.scratchUrl, context);
}

/** Contrib extensions the scratch must be able to create (PGlite loads them at start). */
function extensionsIn(...scripts: readonly string[]): string[] {
  const names = new Set<string>();
  for (const script of scripts) for (const m of script.matchAll(/CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([\w-]+)"?/gi)) names.add((m[1] as string).toLowerCase());
  return [...names].sort();
}

async function readMigration(path: string): Promise<string> {
  try {
    return upSectionsOnly(await readFile(path, 'utf8'));
  } catch {
    throw new UserError('NOT_FOUND', `cannot read migration file ${path}`);
  }
}
