/**
 * SQL pieces every data migration is built from: updates batched by key range with progress
 * notices, row-count checks around the work, and columns that are dropped only after their values
 * were copied into a backup table the down restores from.
 */
import { qualifiedName, quoteIdent, quoteLiteral } from '../dialects/postgres/quote.js';
import { backupName } from '../rollback/keep-data.js';

export interface Target {
  readonly schema: string;
  readonly name: string;
  /** Quoted `schema.table`. */
  readonly sql: string;
  /** The key the batches walk and backups are matched by. */
  readonly key: string;
}

export function target(table: string, key: string): Target {
  const dot = table.indexOf('.');
  const schema = dot >= 0 ? table.slice(0, dot) : 'public';
  const name = dot >= 0 ? table.slice(dot + 1) : table;
  return { schema, name, sql: qualifiedName(schema, name), key };
}

const PLPGSQL_TAG = '$mg$';

/**
 * Runs `update` once per batch of `batchSize` keys, walking the key in order (any ordered type:
 * integers, uuids, text). `update` receives the condition that selects the batch's rows of the
 * table aliased `alias`. A notice after each batch reports rows done and the total.
 */
export function batched(t: Target, batchSize: number, description: string, update: (range: string) => string): string {
  const key = quoteIdent(t.key);
  const keyType = `${t.sql}.${key}%TYPE`;
  const range = (alias: string) => `(last_key IS NULL OR ${alias}.${key} > last_key) AND ${alias}.${key} <= next_key`;
  return [
    `DO ${PLPGSQL_TAG}`,
    'DECLARE',
    `  last_key ${keyType};`,
    `  next_key ${keyType};`,
    '  done bigint := 0;',
    '  n bigint;',
    '  total bigint;',
    'BEGIN',
    `  SELECT count(*) INTO total FROM ${t.sql};`,
    '  LOOP',
    `    SELECT max(b.k) INTO next_key FROM (SELECT ${key} AS k FROM ${t.sql} WHERE last_key IS NULL OR ${key} > last_key ORDER BY ${key} LIMIT ${batchSize}) AS b;`,
    '    EXIT WHEN next_key IS NULL;',
    `    ${update(range('t')).replace(/\n/g, '\n    ')};`,
    '    GET DIAGNOSTICS n = ROW_COUNT;',
    '    done := done + n;',
    `    RAISE NOTICE 'migration-generator: ${description.replace(/'/g, "''")}: % rows changed, % rows in the table, keys up to %', done, total, next_key;`,
    '    last_key := next_key;',
    '  END LOOP;',
    `END ${PLPGSQL_TAG}`,
  ].join('\n');
}

/** The row count before the work, kept for the check after it (the temporary table goes at COMMIT). */
export function countBefore(t: Target, label: string): string {
  return `CREATE TEMPORARY TABLE ${quoteIdent(`_mg_count_${label}`)} ON COMMIT DROP AS SELECT count(*) AS n FROM ${t.sql}`;
}

export function countAfter(t: Target, label: string): string {
  return check(
    `(SELECT count(*) FROM ${t.sql}) <> (SELECT n FROM ${quoteIdent(`_mg_count_${label}`)})`,
    `the row count of ${t.schema}.${t.name} changed during the data migration`,
  );
}

/** Stops the migration (and rolls its transaction back) when `failure` holds. */
export function check(failure: string, message: string): string {
  return `DO ${PLPGSQL_TAG} BEGIN IF ${failure} THEN RAISE EXCEPTION ${quoteLiteral(`migration-generator check failed: ${message}`)}; END IF; END ${PLPGSQL_TAG}`;
}

export function noNulls(t: Target, column: string, why: string): string {
  return check(`EXISTS (SELECT 1 FROM ${t.sql} WHERE ${quoteIdent(column)} IS NULL)`, `${t.name}.${column} still holds NULL (${why})`);
}

export interface ColumnBackup {
  readonly table: string;
  /** Up, before the column changes or goes. */
  readonly create: string;
  /** Down: the column back with its backed-up type (when `readd`), then its values. */
  readonly restore: readonly string[];
  readonly drop: string;
}

/**
 * Backs up `columns` (with the key) of the rows `where` selects, and restores them by key. With
 * `readdAs`, the down first adds the columns back (under those names) with their backed-up types.
 */
export function backupColumns(t: Target, columns: readonly string[], options: { readdAs?: readonly string[]; where?: string; batchSize: number }): ColumnBackup {
  const backup = backupName(t.schema, [t.name, ...columns]);
  const key = quoteIdent(t.key);
  const cols = columns.map(quoteIdent);
  const readd = options.readdAs;
  const addBack = (readd ?? []).map(
    (name, i) =>
      `DO ${PLPGSQL_TAG} BEGIN EXECUTE format('ALTER TABLE %s ADD COLUMN %I %s', ${quoteLiteral(t.sql)}, ${quoteLiteral(name)}, (SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute WHERE attrelid = ${quoteLiteral(backup)}::regclass AND attname = ${quoteLiteral(columns[i] as string)})); END ${PLPGSQL_TAG}`,
  );
  const targets = readd ? readd.map(quoteIdent) : cols;
  const set = targets.map((c, i) => `${c} = b.${cols[i]}`).join(', ');
  return {
    table: backup,
    create: `CREATE TABLE ${backup} AS SELECT ${key}, ${cols.join(', ')} FROM ${t.sql}${options.where ? ` WHERE ${options.where}` : ''}`,
    restore: [
      ...addBack,
      batched(t, options.batchSize, `restore ${columns.join(', ')} from ${backup}`, (range) => `UPDATE ${t.sql} AS t SET ${set} FROM ${backup} AS b WHERE t.${key} = b.${key} AND ${range}`),
    ],
    drop: `DROP TABLE ${backup}`,
  };
}

/** Adds `column` to `to` with the type `column` has in `from` (read when the migration runs). */
export function addColumnLike(to: Target, column: string, from: Target, fromColumn: string): string {
  return `DO ${PLPGSQL_TAG} BEGIN EXECUTE format('ALTER TABLE %s ADD COLUMN %I %s', ${quoteLiteral(to.sql)}, ${quoteLiteral(column)}, (SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute WHERE attrelid = ${quoteLiteral(from.sql)}::regclass AND attname = ${quoteLiteral(fromColumn)} AND NOT attisdropped)); END ${PLPGSQL_TAG}`;
}

/** One transaction around the statements, with a heading. */
export function script(heading: readonly string[], statements: readonly string[]): string {
  return [...heading.map((h) => `-- ${h}`), '', 'BEGIN;', '', ...statements.map((s) => `${s};\n`), 'COMMIT;', ''].join('\n');
}
