/**
 * Data-migration intents → an up and a down. Each up counts rows before and after, works in
 * batches by key range, checks its result before it drops anything, and copies whatever it
 * overwrites or drops into a backup table so the down can put it back. Where the down cannot bring
 * something back (rows written after the up), the notes say so.
 */
import { quoteIdent, quoteLiteral } from '../dialects/postgres/quote.js';
import { parsePostgres } from '../sources/sql/parse-postgres.js';
import type { DataMigrationIntent } from './intent-schema.js';
import { addColumnLike, backupColumns, batched, check, countAfter, countBefore, noNulls, script, target, type Target } from './sql.js';

export { dataMigrationIntent, type DataMigrationIntent } from './intent-schema.js';

type IntentOf<K extends DataMigrationIntent['intent']> = Extract<DataMigrationIntent, { intent: K }>;

export interface BuiltDataMigration {
  readonly description: string;
  readonly up: string;
  readonly down: string;
  /** What the up checks before it commits. */
  readonly checks: readonly string[];
  readonly backups: readonly string[];
  /** What the down cannot restore. */
  readonly notes: readonly string[];
}

interface Parts {
  readonly description: string;
  readonly up: readonly string[];
  readonly down: readonly string[];
  readonly checks: readonly string[];
  readonly backups?: readonly string[];
  readonly notes?: readonly string[];
}

const q = quoteIdent;

const READDED = 'a column the up drops comes back with its type and values, at the end of the table; its NOT NULL, default, indexes and constraints come back only with the schema migration\'s own down';

const BUILDERS: { [K in DataMigrationIntent['intent']]: (intent: IntentOf<K>, t: Target) => Parts | Promise<Parts> } = {
  backfill(i, t) {
    const value = i.constant !== undefined ? quoteLiteral(i.constant) : i.expression;
    const col = q(i.column);
    const backup = backupColumns(t, [i.column], { where: `${col} IS NULL`, batchSize: i.batchSize });
    return {
      description: `backfill ${t.name}.${i.column} with ${value}`,
      up: [
        countBefore(t, 'rows'),
        backup.create,
        batched(t, i.batchSize, `backfill ${i.column}`, (range) => `UPDATE ${t.sql} AS t SET ${col} = (${value}) WHERE t.${col} IS NULL AND ${range}`),
        ...(i.notNull ? [noNulls(t, i.column, 'NOT NULL follows'), `ALTER TABLE ${t.sql} ALTER COLUMN ${col} SET NOT NULL`] : []),
        countAfter(t, 'rows'),
      ],
      down: [...(i.notNull ? [`ALTER TABLE ${t.sql} ALTER COLUMN ${col} DROP NOT NULL`] : []), ...backup.restore, backup.drop],
      checks: ['row count unchanged', ...(i.notNull ? [`no NULL left in ${i.column} before SET NOT NULL`] : [])],
      backups: [backup.table],
    };
  },
  split(i, t) {
    const [a, b] = i.into.map(q) as [string, string];
    const col = q(i.column);
    const sep = quoteLiteral(i.separator);
    const merged = `CASE WHEN ${b} IS NULL THEN ${a} ELSE ${a} || ${sep} || ${b} END`;
    const backup = backupColumns(t, [i.column], { readdAs: [i.column], batchSize: i.batchSize });
    return {
      description: `split ${t.name}.${i.column} into ${i.into.join(' and ')}`,
      up: [
        countBefore(t, 'rows'),
        `ALTER TABLE ${t.sql} ADD COLUMN ${a} text, ADD COLUMN ${b} text`,
        batched(t, i.batchSize, `split ${i.column}`, (range) =>
          `UPDATE ${t.sql} AS t SET ${a} = split_part(t.${col}, ${sep}, 1), ${b} = CASE WHEN strpos(t.${col}, ${sep}) > 0 THEN substr(t.${col}, strpos(t.${col}, ${sep}) + length(${sep})) END WHERE ${range}`,
        ),
        check(`EXISTS (SELECT 1 FROM ${t.sql} WHERE ${col}::text IS DISTINCT FROM ${merged})`, `${i.into.join(' + ')} do not give back ${i.column} for every row`),
        ...(i.dropSource ? [backup.create, `ALTER TABLE ${t.sql} DROP COLUMN ${col}`] : []),
        countAfter(t, 'rows'),
      ],
      down: [
        ...(i.dropSource
          ? [
              ...backup.restore,
              `UPDATE ${t.sql} AS t SET ${col} = ${merged} WHERE NOT EXISTS (SELECT 1 FROM ${backup.table} AS b WHERE b.${q(t.key)} = t.${q(t.key)})`,
              backup.drop,
            ]
          : []),
        `ALTER TABLE ${t.sql} DROP COLUMN ${a}, DROP COLUMN ${b}`,
      ],
      checks: ['row count unchanged', `${i.into.join(' and ')} join back to ${i.column} for every row`],
      backups: i.dropSource ? [backup.table] : [],
      notes: i.dropSource ? [READDED] : [],
    };
  },
  merge(i, t) {
    const cols = i.columns.map(q);
    const into = q(i.into);
    const backup = backupColumns(t, i.columns, { readdAs: i.columns, batchSize: i.batchSize });
    const value = `CASE WHEN num_nonnulls(${cols.map((c) => `t.${c}`).join(', ')}) = 0 THEN NULL ELSE concat_ws(${quoteLiteral(i.separator)}, ${cols.map((c) => `t.${c}`).join(', ')}) END`;
    return {
      description: `merge ${t.name}.${i.columns.join(', ')} into ${i.into}`,
      up: [
        countBefore(t, 'rows'),
        `ALTER TABLE ${t.sql} ADD COLUMN ${into} text`,
        batched(t, i.batchSize, `merge into ${i.into}`, (range) => `UPDATE ${t.sql} AS t SET ${into} = ${value} WHERE ${range}`),
        check(`EXISTS (SELECT 1 FROM ${t.sql} AS t WHERE num_nonnulls(${cols.map((c) => `t.${c}`).join(', ')}) > 0 AND t.${into} IS NULL)`, `${i.into} is NULL where a source column is not`),
        ...(i.dropSources ? [backup.create, `ALTER TABLE ${t.sql} ${cols.map((c) => `DROP COLUMN ${c}`).join(', ')}`] : []),
        countAfter(t, 'rows'),
      ],
      down: [...(i.dropSources ? [...backup.restore, backup.drop] : []), `ALTER TABLE ${t.sql} DROP COLUMN ${into}`],
      checks: ['row count unchanged', `${i.into} set wherever a source column is`],
      backups: i.dropSources ? [backup.table] : [],
      notes: i.dropSources ? [`rows written after the up get ${i.columns.join(', ')} back as NULL: a merged value cannot be split reliably`, READDED] : [],
    };
  },
  convert(i, t) {
    const col = q(i.column);
    const inPlace = i.into === undefined;
    const newName = i.into ?? `${i.column}__mg_new`;
    const oldName = inPlace ? `${i.column}__mg_old` : i.column;
    const dropsOld = inPlace || i.dropSource;
    const backup = backupColumns(t, [i.column], { readdAs: [oldName], batchSize: i.batchSize });
    const fallback = i.inverse
      ? [`UPDATE ${t.sql} AS t SET ${q(oldName)} = (${i.inverse}) WHERE NOT EXISTS (SELECT 1 FROM ${backup.table} AS b WHERE b.${q(t.key)} = t.${q(t.key)})`]
      : [];
    return {
      description: `convert ${t.name}.${i.column} to ${i.type}${inPlace ? ' in place' : ` into ${i.into}`}`,
      up: [
        countBefore(t, 'rows'),
        `ALTER TABLE ${t.sql} ADD COLUMN ${q(newName)} ${i.type}`,
        batched(t, i.batchSize, `convert ${i.column}`, (range) => `UPDATE ${t.sql} AS t SET ${q(newName)} = (${i.expression}) WHERE ${range}`),
        check(`EXISTS (SELECT 1 FROM ${t.sql} WHERE ${col} IS NOT NULL AND ${q(newName)} IS NULL)`, `the conversion gave NULL for a value of ${i.column}`),
        ...(dropsOld ? [backup.create, `ALTER TABLE ${t.sql} DROP COLUMN ${col}`] : []),
        ...(inPlace ? [`ALTER TABLE ${t.sql} RENAME COLUMN ${q(newName)} TO ${col}`] : []),
        countAfter(t, 'rows'),
      ],
      down: dropsOld
        ? [
            ...backup.restore,
            ...fallback,
            `ALTER TABLE ${t.sql} DROP COLUMN ${q(inPlace ? i.column : newName)}`,
            ...(inPlace ? [`ALTER TABLE ${t.sql} RENAME COLUMN ${q(oldName)} TO ${col}`] : []),
            backup.drop,
          ]
        : [`ALTER TABLE ${t.sql} DROP COLUMN ${q(newName)}`],
      checks: ['row count unchanged', `no value of ${i.column} converts to NULL`],
      backups: dropsOld ? [backup.table] : [],
      notes: [...(dropsOld && !i.inverse ? [`rows written after the up get ${i.column} back as NULL: give inverse to compute it`] : []), ...(dropsOld ? [READDED] : [])],
    };
  },
  move(i, t) {
    const dst = target(i.toTable, i.toKey);
    const col = q(i.column);
    const toKey = q(i.toKey);
    const key = q(t.key);
    return {
      description: `move ${t.name}.${i.column} to ${dst.name}.${i.column}`,
      up: [
        countBefore(t, 'source'),
        countBefore(dst, 'target'),
        check(
          `EXISTS (SELECT 1 FROM ${t.sql} AS s WHERE s.${col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${dst.sql} AS d WHERE d.${toKey} = s.${key}))`,
          `a row of ${t.name} with a ${i.column} has no row in ${dst.name} to move it to`,
        ),
        addColumnLike(dst, i.column, t, i.column),
        batched(t, i.batchSize, `move ${i.column}`, (range) => `UPDATE ${dst.sql} AS d SET ${col} = t.${col} FROM ${t.sql} AS t WHERE d.${toKey} = t.${key} AND ${range}`),
        check(`EXISTS (SELECT 1 FROM ${t.sql} AS s JOIN ${dst.sql} AS d ON d.${toKey} = s.${key} WHERE d.${col} IS DISTINCT FROM s.${col})`, `${dst.name}.${i.column} differs from ${t.name}.${i.column}`),
        ...(i.dropSource ? [`ALTER TABLE ${t.sql} DROP COLUMN ${col}`] : []),
        countAfter(t, 'source'),
        countAfter(dst, 'target'),
      ],
      down: [
        ...(i.dropSource
          ? [
              addColumnLike(t, i.column, dst, i.column),
              batched(t, i.batchSize, `move ${i.column} back`, (range) => `UPDATE ${t.sql} AS t SET ${col} = d.${col} FROM ${dst.sql} AS d WHERE d.${toKey} = t.${key} AND ${range}`),
            ]
          : []),
        `ALTER TABLE ${dst.sql} DROP COLUMN ${col}`,
      ],
      checks: [`every ${t.name} row with a value has a ${dst.name} row`, 'values equal on both sides before the source is dropped', 'row counts of both tables unchanged'],
      notes: [`where several ${dst.name} rows share a key and were changed after the up, the down takes any one of them`, ...(i.dropSource ? [READDED] : [])],
    };
  },
  async expression(i, t) {
    const columns = await setTargets(i.set);
    const backup = backupColumns(t, columns, { where: i.where, batchSize: i.batchSize });
    return {
      description: `set ${i.set} on ${t.name}${i.where ? ` where ${i.where}` : ''}`,
      up: [
        countBefore(t, 'rows'),
        backup.create,
        batched(t, i.batchSize, 'update', (range) => `UPDATE ${t.sql} AS t SET ${i.set} WHERE ${i.where ? `(${i.where}) AND ` : ''}${range}`),
        countAfter(t, 'rows'),
      ],
      down: [...backup.restore, backup.drop],
      checks: ['row count unchanged'],
      backups: [backup.table],
    };
  },
};

/** The columns an UPDATE's SET list writes, from the parse tree. */
async function setTargets(set: string): Promise<string[]> {
  const [statement] = await parsePostgres(`UPDATE t SET ${set}`).catch(() => []);
  const targets = ((statement?.node.UpdateStmt as { targetList?: { ResTarget: { name: string } }[] } | undefined)?.targetList ?? []).map((r) => r.ResTarget.name);
  return [...new Set(targets)];
}

export async function buildDataMigration(intent: DataMigrationIntent): Promise<BuiltDataMigration> {
  const t = target(intent.table, intent.key);
  const build = BUILDERS[intent.intent] as (i: DataMigrationIntent, t: Target) => Parts | Promise<Parts>;
  const parts = await build(intent, t);
  const heading = (direction: string) => [`Data migration (${direction}): ${parts.description}, generated by migration-generator.`, `Batches of ${intent.batchSize} rows by ${intent.key}; progress is reported with RAISE NOTICE.`];
  return {
    description: parts.description,
    up: script([...heading('up'), ...parts.checks.map((c) => `check: ${c}`), ...(parts.backups ?? []).map((b) => `backup kept for the down: ${b}`)], parts.up),
    down: script([...heading('down'), ...(parts.notes ?? []).map((n) => `note: ${n}`)], parts.down),
    checks: parts.checks,
    backups: parts.backups ?? [],
    notes: parts.notes ?? [],
  };
}
