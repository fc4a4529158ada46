/**
 * The data-keeping variant of a migration that destroys data. Before the up runs, what it drops
 * (a column's values, a table's rows, values a narrowing type change or an enum value removal would
 * alter) is copied into `_mg_backup_*` tables, keyed by the primary key. The down then rebuilds
 * the structure in two passes: first without the constraints the restored data must not trip on
 * (NOT NULL of a restored column, foreign keys into or out of restored rows), then the data comes
 * back from the backups, then the constraints, then the backups are dropped.
 */
import type { Change } from '../core/change.js';
import type { Constraint, Schema, Table } from '../core/model.js';
import { splitQualified } from '../core/model.js';
import { qualifiedName, quoteIdent, quoteLiteral } from '../dialects/postgres/quote.js';
import { diffSchemas } from '../diff/diff.js';
import { losesData } from '../diff/data-loss.js';
import { describeChange } from '../diff/describe.js';

export interface KeepData {
  /** Statements that run before the up. */
  readonly backup: readonly string[];
  /** The schema before, less what restored data must not meet until it is back. */
  readonly middle: Schema;
  readonly restore: readonly string[];
  readonly dropBackups: readonly string[];
  /** What was kept, one line each. */
  readonly kept: readonly string[];
  /** Data loss that could not be kept, and why. */
  readonly notKept: readonly string[];
}

interface Backup {
  readonly table: string;
  readonly backup: string;
  readonly create: string;
  readonly restore: readonly string[];
  readonly what: string;
}

export function keepDataPlan(before: Schema, after: Schema): KeepData {
  const changes = diffSchemas(before, after).changes.filter(losesData);
  const backups: Backup[] = [];
  const notKept: string[] = [];
  const relaxedColumns = new Map<string, Set<string>>();
  const restoredTables = new Set<string>();
  const droppedTables = new Set(changes.flatMap((c) => (c.kind === 'drop_table' ? [tableKey(c.from)] : [])));
  for (const change of changes) {
    // A sequence owned by a dropped table comes back with it, and its position with the rows.
    if (change.kind === 'drop_sequence' && change.from.ownedBy && droppedTables.has(change.from.ownedBy.split('.').slice(0, 2).join('.'))) continue;
    const made = backupFor(change, before);
    if (typeof made === 'string') {
      notKept.push(made);
      continue;
    }
    backups.push(...made);
    if (change.kind === 'drop_table') restoredTables.add(tableKey(change.from));
    if (change.kind === 'drop_column') {
      const set = relaxedColumns.get(change.table) ?? new Set<string>();
      set.add(change.from.name);
      relaxedColumns.set(change.table, set);
    }
  }
  return {
    backup: backups.map((b) => b.create),
    middle: relaxSchema(before, relaxedColumns, restoredTables),
    restore: backups.flatMap((b) => b.restore),
    dropBackups: backups.map((b) => `DROP TABLE ${b.backup}`),
    kept: backups.map((b) => b.what),
    notKept,
  };
}

function tableKey(table: Table): string {
  return `${table.schema}.${table.name}`;
}

function backupFor(change: Change, before: Schema): Backup[] | string {
  const summary = describeChange(change).summary;
  switch (change.kind) {
    case 'drop_table':
      return [tableBackup(change.from)];
    case 'drop_column':
    case 'alter_column': {
      const table = before.tables[change.table];
      const column = change.from;
      if (!table) return `${summary}: the table is not in the schema before`;
      if (column.generated) return [];
      const key = primaryKey(table);
      if (!key) return `${summary}: ${change.table} has no primary key to restore the values by`;
      return [columnBackup(table, column.name, key, undefined)];
    }
    case 'recreate_enum': {
      const type = change.from;
      const names = new Set([`${type.schema}.${type.name}`, type.name, qualifiedName(type.schema, type.name), quoteIdent(type.name)]);
      const out: Backup[] = [];
      for (const table of Object.values(before.tables)) {
        for (const column of table.columns.filter((c) => names.has(c.type))) {
          const key = primaryKey(table);
          if (!key) return `${summary}: ${tableKey(table)}.${column.name} uses the type and has no primary key`;
          out.push(columnBackup(table, column.name, key, { type: qualifiedName(type.schema, type.name), values: change.removed }));
        }
      }
      return out;
    }
    case 'drop_sequence': {
      const sequence = qualifiedName(change.from.schema, change.from.name);
      const backup = backupName(change.from.schema, [change.from.name]);
      return [
        {
          table: `${change.from.schema}.${change.from.name}`,
          backup,
          create: `CREATE TABLE ${backup} AS SELECT last_value, is_called FROM ${sequence}`,
          restore: [`SELECT pg_catalog.setval(${quoteLiteral(sequence)}, last_value, is_called) FROM ${backup}`],
          what: `position of ${change.from.schema}.${change.from.name} → ${backup}`,
        },
      ];
    }
    default:
      return `${summary}: no data-keeping form for this change`;
  }
}

function primaryKey(table: Table): readonly string[] | undefined {
  return Object.values(table.constraints).find((c) => c.kind === 'primary_key')?.columns;
}

export const BACKUP_PREFIX = '_mg_backup_';

export function backupName(schema: string, parts: readonly string[]): string {
  let name = `${BACKUP_PREFIX}${parts.join('_')}`;
  while (Buffer.byteLength(name, 'utf8') > 63) name = name.slice(0, -1);
  return qualifiedName(schema, name);
}

function tableBackup(table: Table): Backup {
  const source = qualifiedName(table.schema, table.name);
  const backup = backupName(table.schema, [table.name]);
  const columns = table.columns.filter((c) => !c.generated).map((c) => quoteIdent(c.name));
  const serials = table.columns.filter((c) => c.identity || /nextval\(/i.test(c.default ?? ''));
  return {
    table: tableKey(table),
    backup,
    create: `CREATE TABLE ${backup} AS SELECT ${columns.join(', ')} FROM ${source}`,
    restore: [
      `INSERT INTO ${source} (${columns.join(', ')}) OVERRIDING SYSTEM VALUE SELECT ${columns.join(', ')} FROM ${backup}`,
      ...serials.map(
        (c) =>
          `SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(${quoteLiteral(source)}, ${quoteLiteral(c.name)}), m) FROM (SELECT max(${quoteIdent(c.name)}) AS m FROM ${source}) AS s WHERE m IS NOT NULL`,
      ),
    ],
    what: `rows of ${tableKey(table)} → ${backup}`,
  };
}

function columnBackup(table: Table, column: string, key: readonly string[], enumValues: { type: string; values: readonly string[] } | undefined): Backup {
  const source = qualifiedName(table.schema, table.name);
  const backup = backupName(table.schema, [table.name, column]);
  const keys = key.map(quoteIdent);
  const col = quoteIdent(column);
  const select = enumValues
    ? `SELECT ${keys.join(', ')}, ${col}::text AS ${col} FROM ${source} WHERE ${col}::text IN (${enumValues.values.map(quoteLiteral).join(', ')})`
    : `SELECT ${keys.join(', ')}, ${col} FROM ${source}`;
  const value = enumValues ? `b.${col}::${enumValues.type}` : `b.${col}`;
  return {
    table: tableKey(table),
    backup,
    create: `CREATE TABLE ${backup} AS ${select}`,
    restore: [`UPDATE ${source} AS t SET ${col} = ${value} FROM ${backup} AS b WHERE ${keys.map((k) => `t.${k} = b.${k}`).join(' AND ')}`],
    what: `${tableKey(table)}.${column} → ${backup}`,
  };
}

/** The schema before, with restored columns nullable and the constraints restored data could trip on left out. */
function relaxSchema(before: Schema, relaxedColumns: ReadonlyMap<string, ReadonlySet<string>>, restoredTables: ReadonlySet<string>): Schema {
  if (relaxedColumns.size === 0 && restoredTables.size === 0) return before;
  const droppedKeys: { table: string; columns: readonly string[] }[] = [];
  const tables: Record<string, Table> = {};
  for (const [key, table] of Object.entries(before.tables)) {
    const relaxed = relaxedColumns.get(key) ?? new Set<string>();
    const constraints: Record<string, Constraint> = {};
    for (const [name, constraint] of Object.entries(table.constraints)) {
      const touchesRelaxed = constraint.columns.some((c) => relaxed.has(c));
      if (touchesRelaxed && constraint.kind !== 'foreign_key') droppedKeys.push({ table: key, columns: constraint.columns });
      if (touchesRelaxed || (constraint.kind === 'foreign_key' && (restoredTables.has(key) || restoredTables.has(referencedKey(constraint, table))))) continue;
      constraints[name] = constraint;
    }
    tables[key] = relaxed.size === 0 && Object.keys(constraints).length === Object.keys(table.constraints).length
      ? table
      : { ...table, constraints, columns: table.columns.map((c) => (relaxed.has(c.name) ? { ...c, notNull: false } : c)) };
  }
  // A foreign key that points at a key left out above goes out with it.
  for (const [key, table] of Object.entries(tables)) {
    const kept = Object.fromEntries(
      Object.entries(table.constraints).filter(([, c]) => !(c.kind === 'foreign_key' && droppedKeys.some((d) => d.table === referencedKey(c, table) && sameColumns(d.columns, c.references?.columns ?? [])))),
    );
    if (Object.keys(kept).length !== Object.keys(table.constraints).length) tables[key] = { ...table, constraints: kept };
  }
  return { ...before, tables };
}

function referencedKey(constraint: Constraint, table: Table): string {
  const target = constraint.references?.table ?? '';
  return target.includes('.') ? target : `${splitQualified(tableKey(table)).schema}.${target}`;
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}
