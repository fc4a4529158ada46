/** SQL fragments the zero-downtime strategies share: helper names, disable comments, keyset backfills. */
import type { Table } from '../../core/model.js';
import { splitQualified } from '../../core/model.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../../dialects/postgres/quote.js';
import type { Accepted } from './types.js';

const MAX_IDENT = 63;

/** `base` + `suffix`, cut so the whole fits PostgreSQL's 63-byte identifiers. */
export function helperName(base: string, suffix: string): string {
  return `${base.slice(0, MAX_IDENT - suffix.length)}${suffix}`;
}

/** Qualified name of a helper object (function) living next to `table`. */
export function besideTable(table: string, name: string): string {
  const { schema } = splitQualified(table);
  return schema ? `${quoteIdent(schema)}.${quoteIdent(name)}` : quoteIdent(name);
}

/** The statement, preceded by lint disable comments that say why each finding is accepted. */
export function withAccepted(sql: string, accepted: readonly Accepted[]): string {
  if (accepted.length === 0) return sql;
  return `${accepted.map((a) => `-- migration-generator-disable ${a.rule} -- ${a.reason}`).join('\n')}\n${sql}`;
}

/** The single-column primary key a keyset backfill walks, or undefined. */
export function keyColumn(table: Table): { name: string; type: string } | undefined {
  const pk = Object.values(table.constraints).find((c) => c.kind === 'primary_key');
  if (!pk || pk.columns.length !== 1) return undefined;
  const column = table.columns.find((c) => c.name === pk.columns[0]);
  return column ? { name: column.name, type: column.type } : undefined;
}

export interface BackfillJob {
  readonly table: string;
  /** What the backfill is for, in progress messages: `public.users.email`. */
  readonly label: string;
  /** `col = expr` assignments. */
  readonly set: string;
  /** True for rows still to fill; the UPDATE skips the others, so a rerun only does what is left. */
  readonly pending: string;
}

/**
 * A resumable batched backfill. With a one-column primary key it walks key ranges (keyset: never
 * OFFSET), each batch an UPDATE of at most `batchSize` rows committed on its own, retried when it
 * meets a lock_timeout or a deadlock, with a NOTICE after each batch. `SET mg.backfill_from = 'key'`
 * resumes from a key; without it a rerun walks again but updates only rows still pending.
 */
export function backfillSql(job: BackfillJob, table: Table, batchSize: number): string {
  const key = keyColumn(table);
  const t = quoteQualified(job.table);
  const label = quoteLiteral(job.label);
  if (!key) {
    // No single-column key to walk: take pending rows by ctid, a batch at a time, until none is left.
    return `DO $backfill$
DECLARE
  batch_rows bigint;
  total bigint := 0;
BEGIN
  LOOP
    BEGIN
      UPDATE ${t} SET ${job.set}
      WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${t} WHERE ${job.pending} LIMIT ${batchSize}));
      GET DIAGNOSTICS batch_rows = ROW_COUNT;
    EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
      PERFORM pg_sleep(0.2);
      CONTINUE;
    END;
    COMMIT;
    EXIT WHEN batch_rows = 0;
    total := total + batch_rows;
    RAISE NOTICE 'backfill %: % rows updated', ${label}, total;
  END LOOP;
END
$backfill$`;
  }
  const k = quoteIdent(key.name);
  return `DO $backfill$
DECLARE
  lower_key ${key.type};
  upper_key ${key.type};
  batch_rows bigint;
  total bigint := 0;
  estimate bigint := (SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = ${quoteLiteral(job.table)}::regclass);
BEGIN
  lower_key := coalesce(nullif(current_setting('mg.backfill_from', true), '')::${key.type}, (SELECT min(${k}) FROM ${t}));
  WHILE lower_key IS NOT NULL LOOP
    SELECT max(${k}) INTO upper_key FROM (SELECT ${k} FROM ${t} WHERE ${k} >= lower_key ORDER BY ${k} LIMIT ${batchSize}) AS batch;
    EXIT WHEN upper_key IS NULL;
    BEGIN
      UPDATE ${t} SET ${job.set}
      WHERE ${k} >= lower_key AND ${k} <= upper_key AND (${job.pending});
      GET DIAGNOSTICS batch_rows = ROW_COUNT;
    EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
      PERFORM pg_sleep(0.2);
      CONTINUE;
    END;
    COMMIT;
    total := total + batch_rows;
    RAISE NOTICE 'backfill %: % rows updated, keys up to % done (about % rows in the table)', ${label}, total, upper_key, estimate;
    SELECT min(${k}) INTO lower_key FROM ${t} WHERE ${k} > upper_key;
  END LOOP;
END
$backfill$`;
}

/** Matches `column` as a whole identifier (quoted or not) inside SQL text. */
export function columnPattern(column: string, flags?: string): RegExp {
  return new RegExp(`(^|[^A-Za-z0-9_$"])"?${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?(?=$|[^A-Za-z0-9_$"])`, flags);
}
