/**
 * Proves a migration on a scratch database: load `from`, add sample rows, apply up, compare with `to`,
 * apply down, compare with `from`, and check that rows survived where the migration keeps the table.
 * The scratch is PGlite, or a fresh database on a server the caller marked as disposable.
 */
import { UserError } from '../core/errors.js';
import type { Schema } from '../core/model.js';
import { isConnectionLost, isPgError, type SqlClient } from '../dialects/postgres/client.js';
import { introspectPostgres } from '../dialects/postgres/introspect.js';
import { describeChange } from '../diff/describe.js';
import { diffSchemas } from '../diff/diff.js';
import { parsePostgres, walkNodes } from '../sources/sql/parse-postgres.js';
import { countRows, insertSampleRows, type SampleResult } from './sample-rows.js';
import { acquireScratch, type ScratchDatabase } from './scratch-postgres.js';

export interface ValidateMigrationInput {
  /** SQL that builds the `from` schema, applied as it is. */
  readonly fromSql: string;
  /** The `from` schema as loaded; the state down must return to. */
  readonly from: Schema;
  /** The expected state after up; without it, up is only checked to apply. */
  readonly to?: Schema;
  readonly up: string;
  readonly down: string;
  readonly serverUrl?: string;
  /** Rows per table inserted before up (0: none). */
  readonly sampleRows?: number;
  /** Aborted by the caller: the run stops before its next stage and the scratch database is released. */
  readonly signal?: AbortSignal;
  /** Called as each stage starts, for progress reports. */
  readonly onStage?: (stage: ValidationStage) => void | Promise<void>;
}

export const VALIDATION_STAGES = ['load from', 'apply up', 'apply down', 'compare with from'] as const;
export type ValidationStage = (typeof VALIDATION_STAGES)[number];

export interface ValidationStep {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly differences?: readonly string[];
}

export interface RowCheck {
  readonly table: string;
  readonly before: number;
  readonly afterUp?: number;
  readonly afterDown?: number;
}

export interface ValidationResult {
  readonly ok: boolean;
  readonly engine: 'pglite' | 'server' | 'mysql' | 'sqlite';
  readonly steps: readonly ValidationStep[];
  readonly sampleRows?: SampleResult;
  readonly rows: readonly RowCheck[];
}

export async function validateMigration(input: ValidateMigrationInput): Promise<ValidationResult> {
  const extensions = [...new Set([...Object.keys(input.from.extensions), ...Object.keys(input.to?.extensions ?? {})])];
  const scratch = await acquireScratch({ serverUrl: input.serverUrl, extensions });
  try {
    return await runValidation(scratch, input);
  } catch (error) {
    if (isConnectionLost(error)) {
      throw new UserError('CONNECTION_FAILED', `lost the connection to the scratch database during validation: ${(error as Error).message}`, {
        hint: 'the server restarted or ended the session; the scratch database is dropped, try again',
      });
    }
    throw error;
  } finally {
    await scratch.release();
  }
}

async function runValidation(scratch: ScratchDatabase, input: ValidateMigrationInput): Promise<ValidationResult> {
  const client = scratch.client;
  const steps: ValidationStep[] = [];
  const done = (sample?: SampleResult, rows: RowCheck[] = []): ValidationResult => ({
    ok: steps.every((s) => s.ok),
    engine: scratch.engine,
    steps,
    ...(sample ? { sampleRows: sample } : {}),
    rows,
  });
  const stage = async (name: ValidationStage): Promise<void> => {
    if (input.signal?.aborted) throw new UserError('CANCELLED', `validation was cancelled before "${name}"`);
    await input.onStage?.(name);
  };
  await stage('load from');
  if (scratch.canCreateRoles) await createRoles(client, [input.fromSql, input.up, input.down]);
  const loaded = await applyScript(client, input.fromSql);
  steps.push({ name: 'load from', ...loaded });
  if (!loaded.ok) return done();
  const sample = input.sampleRows === 0 ? undefined : await insertSampleRows(client, input.from, input.sampleRows ?? 3);
  const before = await countRows(client, input.from);

  await stage('apply up');
  const up = await applyScript(client, input.up);
  steps.push({ name: 'apply up', ...up });
  if (!up.ok) return done(sample, rowChecks(before));
  if (input.to) steps.push(compare('compare with to', await introspectPostgres(client), input.to));
  const afterUp = await countRows(client, input.to ?? input.from);

  await stage('apply down');
  const down = await applyScript(client, input.down);
  steps.push({ name: 'apply down', ...down });
  if (!down.ok) return done(sample, rowChecks(before, afterUp));
  await stage('compare with from');
  steps.push(compare('compare with from', await introspectPostgres(client), input.from));
  const afterDown = await countRows(client, input.from);
  const rows = rowChecks(before, afterUp, afterDown);
  const lost = rows.filter((r) => r.afterUp !== undefined && r.afterUp < r.before);
  steps.push(
    lost.length === 0
      ? { name: 'rows kept by up', ok: true }
      : { name: 'rows kept by up', ok: false, differences: lost.map((r) => `${r.table}: ${r.before} rows before up, ${r.afterUp} after`) },
  );
  return done(sample, rows);
}

function rowChecks(before: Map<string, number>, afterUp?: Map<string, number>, afterDown?: Map<string, number>): RowCheck[] {
  return [...before].map(([table, count]) => ({ table, before: count, afterUp: afterUp?.get(table), afterDown: afterDown?.get(table) }));
}

export function compare(name: string, actual: Schema, expected: Schema): ValidationStep {
  const { changes } = diffSchemas(actual, expected);
  if (changes.length === 0) return { name, ok: true };
  return { name, ok: false, differences: changes.map((c) => describeChange(c).summary) };
}

/** Statement by statement: some (CREATE INDEX CONCURRENTLY) refuse to share a query string. */
export async function applyScript(client: SqlClient, sql: string): Promise<{ ok: boolean; error?: string }> {
  let statements;
  try {
    statements = await parsePostgres(sql);
  } catch (error) {
    return { ok: false, error: `syntax: ${(error as Error).message}` };
  }
  let inTransaction = false;
  for (const statement of statements) {
    try {
      // Roles are shared by a server's databases: one the `from` SQL creates may already exist.
      if (statement.kind === 'CreateRoleStmt' && (await roleExists(client, String(statement.node.CreateRoleStmt.role)))) continue;
      await client.exec(statement.text);
      if (statement.kind === 'TransactionStmt') inTransaction = /^\s*(BEGIN|START)/i.test(statement.text);
    } catch (error) {
      // A lost connection says nothing about the migration: it is an error of its own, not a failed step.
      if (isConnectionLost(error)) throw error;
      if (inTransaction) await client.exec('ROLLBACK').catch(() => undefined);
      const message = isPgError(error) ? error.message : (error as Error).message;
      return { ok: false, error: `${message} (in: ${statement.text.split('\n')[0]?.slice(0, 160)})` };
    }
  }
  return { ok: true };
}

async function roleExists(client: SqlClient, role: string): Promise<boolean> {
  return (await client.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [role])).length > 0;
}

/** Roles that grants and policies name exist on PGlite only once created; a server scratch does not create roles. */
export async function createRoles(client: SqlClient, scripts: readonly string[]): Promise<void> {
  const roles = new Set<string>();
  for (const script of scripts) {
    const statements = await parsePostgres(script).catch(() => []);
    for (const s of statements) {
      walkNodes(s.node, (key, value) => {
        if (key === 'RoleSpec' && value.roletype === 'ROLESPEC_CSTRING' && typeof value.rolename === 'string') roles.add(value.rolename);
      });
    }
  }
  if (roles.size === 0) return;
  const existing = new Set((await client.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles')).map((r) => r.rolname));
  for (const role of [...roles].sort()) if (!existing.has(role)) await client.exec(`CREATE ROLE "${role.replace(/"/g, '""')}" NOLOGIN`);
}
