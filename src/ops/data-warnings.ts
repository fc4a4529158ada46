/**
 * Warnings about the data a live `from` database holds: rows a drop would lose, NULLs that block a new
 * NOT NULL, duplicates that block a new UNIQUE, values that do not fit a new type. Read-only queries in
 * a READ ONLY transaction with a statement timeout; a query that cannot run is reported, not fatal.
 */
import type { Change } from '../core/change.js';
import { connectPostgres } from '../dialects/postgres/server.js';
import type { SqlClient } from '../dialects/postgres/client.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../dialects/postgres/quote.js';
import { qualify } from '../core/model.js';
import { columnsUsingType } from '../dialects/postgres/render/types.js';
import type { Schema } from '../core/model.js';
import type { Warning } from './common.js';

interface Probe {
  readonly object: string;
  readonly sql: string;
  /** Message for a non-zero count. */
  readonly message: (n: number) => string;
  readonly code: string;
}

export async function dataWarnings(url: string, changes: readonly Change[], from: Schema, to: Schema, timeoutMs = 5000): Promise<Warning[]> {
  const probes = changes.flatMap((c) => probesFor(c, from, to));
  if (probes.length === 0) return [];
  const client = await connectPostgres(url);
  try {
    await client.exec('BEGIN TRANSACTION READ ONLY');
    await client.exec(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    const warnings: Warning[] = [];
    for (const probe of probes) warnings.push(...(await runProbe(client, probe)));
    return warnings;
  } finally {
    await client.exec('ROLLBACK').catch(() => undefined);
    await client.close();
  }
}

async function runProbe(client: SqlClient, probe: Probe): Promise<Warning[]> {
  await client.exec('SAVEPOINT probe');
  try {
    const rows = await client.query<{ n: string | number }>(probe.sql);
    await client.exec('RELEASE SAVEPOINT probe');
    const n = Number(rows[0]?.n ?? 0);
    return n > 0 ? [{ code: probe.code, severity: 'error', message: probe.message(n), object: probe.object }] : [];
  } catch (error) {
    await client.exec('ROLLBACK TO SAVEPOINT probe').catch(() => undefined);
    const message = (error as Error).message;
    const timedOut = /statement timeout/i.test(message);
    return [
      {
        code: timedOut ? 'DATA_CHECK_TIMEOUT' : 'DATA_CHECK',
        severity: timedOut ? 'warning' : 'error',
        message: timedOut ? `${probe.object}: the data check timed out; the table is large, check by hand` : `${probe.object}: ${message}`,
        object: probe.object,
      },
    ];
  }
}

function probesFor(c: Change, from: Schema, to: Schema): Probe[] {
  switch (c.kind) {
    case 'drop_table': {
      const key = qualify(c.from.schema, c.from.name);
      return [{ object: key, code: 'DATA_LOSS_ROWS', sql: `SELECT count(*) AS n FROM ${quoteQualified(key)}`, message: (n) => `dropping ${key} loses ${n} rows` }];
    }
    case 'drop_column': {
      const col = quoteIdent(c.from.name);
      return [{ object: `${c.table}.${c.from.name}`, code: 'DATA_LOSS_ROWS', sql: `SELECT count(*) AS n FROM ${quoteQualified(c.table)} WHERE ${col} IS NOT NULL`, message: (n) => `dropping ${c.table}.${c.from.name} loses ${n} non-NULL values` }];
    }
    case 'add_column':
      if (!c.to.notNull || c.to.default !== undefined || c.to.identity || c.to.generated !== undefined) return [];
      return [{ object: `${c.table}.${c.to.name}`, code: 'NULLS_BLOCK_NOT_NULL', sql: `SELECT count(*) AS n FROM ${quoteQualified(c.table)}`, message: (n) => `${c.table} has ${n} rows that need a value for the new NOT NULL column ${c.to.name}` }];
    case 'alter_column':
      return alterColumnProbes(c);
    case 'add_constraint':
      if (c.to.kind !== 'unique' && c.to.kind !== 'primary_key') return [];
      return from.tables[c.table] ? [duplicateProbe(c.table, c.to.columns, c.to.name)] : [];
    case 'add_index':
      if (!c.to.unique || !from.tables[c.table] || !c.to.keys.every((k) => /^[a-z_][a-z0-9_$]*$/.test(k))) return [];
      return [duplicateProbe(c.table, c.to.keys, c.to.name, c.to.where)];
    case 'recreate_enum': {
      if (c.removed.length === 0) return [];
      const key = qualify(c.to.schema, c.to.name);
      const values = c.removed.map(quoteLiteral).join(', ');
      return columnsUsingType(key, from, to)
        .filter((u) => !u.array)
        .map((u) => ({
          object: `${u.table}.${u.column}`,
          code: 'VALUES_DO_NOT_FIT',
          sql: `SELECT count(*) AS n FROM ${quoteQualified(u.table)} WHERE ${quoteIdent(u.column)}::text IN (${values})`,
          message: (n: number) => `${n} rows of ${u.table}.${u.column} hold a value removed from ${key}`,
        }));
    }
    default:
      return [];
  }
}

function alterColumnProbes(c: Extract<Change, { kind: 'alter_column' }>): Probe[] {
  const probes: Probe[] = [];
  const col = quoteIdent(c.to.name);
  const table = quoteQualified(c.table);
  const object = `${c.table}.${c.to.name}`;
  if (c.to.notNull && !c.from.notNull) {
    probes.push({ object, code: 'NULLS_BLOCK_NOT_NULL', sql: `SELECT count(*) AS n FROM ${table} WHERE ${col} IS NULL`, message: (n) => `${n} rows of ${c.table} hold NULL in ${c.to.name}: SET NOT NULL will fail` });
  }
  if (c.aspects.includes('type')) {
    probes.push({
      object,
      code: 'VALUES_DO_NOT_FIT',
      // A value that changes in the round trip through the new type is truncated, rounded or refused.
      sql: `SELECT count(*) AS n FROM ${table} WHERE ${col} IS NOT NULL AND (${col}::${c.to.type})::text IS DISTINCT FROM ${col}::text`,
      message: (n) => `${n} values of ${object} change when converted to ${c.to.type}`,
    });
  }
  return probes;
}

function duplicateProbe(table: string, columns: readonly string[], name: string, where?: string): Probe {
  const cols = columns.map(quoteIdent).join(', ');
  const filter = where ? ` WHERE ${where}` : '';
  return {
    object: `${table}.${name}`,
    code: 'DUPLICATES_BLOCK_UNIQUE',
    sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${quoteQualified(table)}${filter} GROUP BY ${cols} HAVING count(*) > 1) d`,
    message: (n) => `${n} duplicate groups in ${table} (${columns.join(', ')}) block ${name}`,
  };
}
