/**
 * Column strategies: rename (new column + sync trigger + backfill + switch + drop), type change
 * (shadow column + trigger + backfill + swap), SET NOT NULL (CHECK NOT VALID, VALIDATE, SET NOT NULL,
 * drop the check) and NOT NULL columns added with a volatile default or none.
 */
import type { ChangeOf } from '../../core/change.js';
import type { Column, Index, Schema, Table } from '../../core/model.js';
import { quoteIdent, quoteQualified } from '../../dialects/postgres/quote.js';
import { alterTable, columnDefinition } from '../../dialects/postgres/render/sql-parts.js';
import { isSafeWidening } from '../../dialects/postgres/types.js';
import { backfillSql, besideTable, columnPattern, helperName, withAccepted } from './sql.js';
import type { Contribution, Piece, ZdtOptions } from './types.js';

const VOLATILE_DEFAULT = /\b(nextval|random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp|timeofday|txid_current)\s*\(/i;

function tableOf(schema: Schema, key: string): Table {
  const table = schema.tables[key];
  if (!table) throw new Error(`zero-downtime: table ${key} is missing from the schema`);
  return table;
}

/**
 * The CHECK (col IS NOT NULL) dance, all in the validate phase: added NOT VALID only once the backfill
 * is done (a NOT VALID check still rejects updates of rows that hold NULL), validated under SHARE
 * UPDATE EXCLUSIVE, then SET NOT NULL skips its scan and the check goes.
 */
export function notNullPieces(table: string, column: string): Piece[] {
  const t = alterTable(table);
  const check = quoteIdent(helperName(`${table.slice(table.indexOf('.') + 1)}_${column}`, '_not_null'));
  const col = quoteIdent(column);
  return [
    {
      phase: 'validate',
      description: `prove ${table}.${column} IS NOT NULL with a validated check, then SET NOT NULL without a scan`,
      // Dropping a leftover check first makes the four statements safe to run again after a failure.
      up: [
        `${t} DROP CONSTRAINT IF EXISTS ${check}`,
        `${t} ADD CONSTRAINT ${check} CHECK (${col} IS NOT NULL) NOT VALID`,
        `${t} VALIDATE CONSTRAINT ${check}`,
        `${t} ALTER COLUMN ${col} SET NOT NULL`,
        `${t} DROP CONSTRAINT IF EXISTS ${check}`,
      ],
      down: [`${t} ALTER COLUMN ${col} DROP NOT NULL`],
    },
  ];
}

export function setNotNull(table: string, column: string): Contribution {
  return {
    pieces: notNullPieces(table, column),
    deploys: [{ before: 'validate', text: `deploy code that never writes NULL into ${table}.${column}` }],
  };
}

/** Indexes of `to` on `table` whose keys or predicate name `column`. */
export function indexesNaming(to: Schema, table: string, column: string): Index[] {
  const pattern = columnPattern(column);
  return Object.values(to.tables[table]?.indexes ?? {}).filter((index) => [...index.keys, ...(index.include ?? []), index.where ?? ''].some((part) => pattern.test(part)));
}

/** CREATE INDEX CONCURRENTLY IF NOT EXISTS under another name (and column), with cleanup of a failed build. */
export function concurrentIndexSql(table: string, index: Index, name: string, column?: { from: string; to: string }): { up: string[]; down: string[] } {
  const schema = table.slice(0, table.indexOf('.'));
  const qualified = `${quoteIdent(schema)}.${quoteIdent(name)}`;
  const open = index.definition.indexOf('(');
  let head = index.definition.slice(0, open).replace(/^CREATE (UNIQUE )?INDEX \S+ ON /, `CREATE $1INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdent(name)} ON `);
  let body = index.definition.slice(open);
  if (column) {
    const from = columnPattern(column.from, 'g');
    body = body.replace(from, `$1${quoteIdent(column.to)}`);
  }
  head = head.trimEnd();
  return {
    up: [`DROP INDEX CONCURRENTLY IF EXISTS ${qualified}`, `${head} ${body}`],
    down: [`DROP INDEX CONCURRENTLY IF EXISTS ${qualified}`],
  };
}

/** Indexes rebuilt on the new column under a temporary name, renamed once the old column is gone. */
function shadowIndexes(table: string, indexes: readonly Index[], column?: { from: string; to: string }): { build: Piece[]; rename: string[]; names: string[] } {
  const schema = quoteIdent(table.slice(0, table.indexOf('.')));
  const build: Piece[] = [];
  const rename: string[] = [];
  for (const index of indexes) {
    const temp = helperName(index.name, '_mg_new');
    const sql = concurrentIndexSql(table, index, temp, column);
    build.push({ phase: 'expand-indexes', description: `build ${index.name} on the new column as ${temp}`, up: sql.up, down: sql.down });
    rename.push(`ALTER INDEX ${schema}.${quoteIdent(temp)} RENAME TO ${quoteIdent(index.name)}`);
  }
  return { build, rename, names: indexes.map((i) => i.name) };
}

const dropColumnReason = (table: string, column: string) => `code stopped using ${table}.${column} in the deploy before this phase`;

export function renameColumn(c: ChangeOf<'rename_column'>, to: Schema, options: ZdtOptions): Contribution & { indexes: string[] } {
  const t = alterTable(c.table);
  const a = quoteIdent(c.from.name);
  const b = quoteIdent(c.to.name);
  const base = c.table.slice(c.table.indexOf('.') + 1);
  const fn = besideTable(c.table, helperName(`${base}_${c.to.name}`, '_mg_sync'));
  const trigger = quoteIdent(helperName(`${base}_${c.to.name}`, '_mg_sync'));
  const added: Column = { ...c.to, notNull: false, default: undefined, identity: undefined, generated: undefined, comment: undefined, grants: undefined };
  const indexes = indexesNaming(to, c.table, c.to.name);
  const shadow = shadowIndexes(c.table, indexes);
  const pieces: Piece[] = [
    {
      phase: 'expand',
      description: `add ${c.table}.${c.to.name} next to ${c.from.name}, kept equal by a trigger`,
      up: [
        `${t} ADD COLUMN ${columnDefinition(added)}`,
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $mg$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.${b} IS NULL THEN NEW.${b} := NEW.${a}; ELSIF NEW.${a} IS NULL THEN NEW.${a} := NEW.${b}; END IF;
  ELSIF NEW.${a} IS DISTINCT FROM OLD.${a} THEN
    NEW.${b} := NEW.${a};
  ELSIF NEW.${b} IS DISTINCT FROM OLD.${b} THEN
    NEW.${a} := NEW.${b};
  END IF;
  RETURN NEW;
END
$mg$`,
        `CREATE TRIGGER ${trigger} BEFORE INSERT OR UPDATE ON ${quoteQualified(c.table)} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
      ],
      down: [`DROP TRIGGER IF EXISTS ${trigger} ON ${quoteQualified(c.table)}`, `DROP FUNCTION IF EXISTS ${fn}()`, `${t} DROP COLUMN IF EXISTS ${b}`],
    },
    ...shadow.build,
    {
      phase: 'backfill',
      description: `copy ${c.table}.${c.from.name} into ${c.to.name} in batches`,
      up: [backfillSql({ table: c.table, label: `${c.table}.${c.to.name}`, set: `${b} = ${a}`, pending: `${b} IS DISTINCT FROM ${a}` }, tableOf(to, c.table), options.batchSize)],
      down: [],
    },
    ...(c.to.notNull ? notNullPieces(c.table, c.to.name) : []),
    {
      phase: 'contract',
      description: `drop ${c.table}.${c.from.name} and its sync trigger; ${c.to.name} takes over`,
      up: [
        `DROP TRIGGER ${trigger} ON ${quoteQualified(c.table)}`,
        `DROP FUNCTION ${fn}()`,
        withAccepted(`${t} DROP COLUMN ${a}`, [{ rule: 'ban-drop-column', reason: dropColumnReason(c.table, c.from.name) }]),
        ...shadow.rename,
        ...(c.to.default !== undefined ? [`${t} ALTER COLUMN ${b} SET DEFAULT ${c.to.default}`] : []),
      ],
      down: [`-- ${c.table}.${c.from.name} is not restored by this down: it was dropped with its values; run the expand phase's down after re-adding it by hand`],
      accepted: [{ rule: 'ban-drop-column', reason: dropColumnReason(c.table, c.from.name) }],
    },
  ];
  return {
    pieces,
    indexes: shadow.names,
    deploys: [
      { before: 'backfill', text: `deploy code that writes both ${c.table}.${c.from.name} and ${c.to.name} (and still reads ${c.from.name})` },
      { before: 'contract', text: `deploy code that reads and writes only ${c.table}.${c.to.name}` },
    ],
  };
}

/** True when an ALTER COLUMN ... TYPE needs no rewrite, so it can run in place. */
export function typeChangeInPlace(c: ChangeOf<'alter_column'>): boolean {
  return !c.aspects.includes('type') || isSafeWidening(c.from.type, c.to.type);
}

/** Type change through a shadow column kept up to date by a trigger, backfilled, then swapped in. */
export function changeType(c: ChangeOf<'alter_column'>, to: Schema, options: ZdtOptions): Contribution & { indexes: string[] } {
  const t = alterTable(c.table);
  const name = c.to.name;
  const col = quoteIdent(name);
  const shadowName = helperName(name, '_mg_new');
  const shadow = quoteIdent(shadowName);
  const base = c.table.slice(c.table.indexOf('.') + 1);
  const fn = besideTable(c.table, helperName(`${base}_${name}`, '_mg_sync'));
  const trigger = quoteIdent(helperName(`${base}_${name}`, '_mg_sync'));
  const convert = (value: string) => `${value}::${c.to.type}`;
  const added: Column = { name: shadowName, type: c.to.type, notNull: false, ...(c.to.collation ? { collation: c.to.collation } : {}) };
  const indexes = indexesNaming(to, c.table, name);
  const rebuilt = shadowIndexes(c.table, indexes, { from: name, to: shadowName });
  const pieces: Piece[] = [
    {
      phase: 'expand',
      description: `add ${c.table}.${shadowName} (${c.to.type}), kept equal to ${name} by a trigger`,
      up: [
        `${t} ADD COLUMN ${columnDefinition(added)}`,
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $mg$
BEGIN
  NEW.${shadow} := ${convert(`NEW.${col}`)};
  RETURN NEW;
END
$mg$`,
        `CREATE TRIGGER ${trigger} BEFORE INSERT OR UPDATE ON ${quoteQualified(c.table)} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
      ],
      down: [`DROP TRIGGER IF EXISTS ${trigger} ON ${quoteQualified(c.table)}`, `DROP FUNCTION IF EXISTS ${fn}()`, `${t} DROP COLUMN IF EXISTS ${shadow}`],
    },
    ...rebuilt.build,
    {
      phase: 'backfill',
      description: `convert ${c.table}.${name} into ${shadowName} in batches`,
      up: [backfillSql({ table: c.table, label: `${c.table}.${shadowName}`, set: `${shadow} = ${convert(col)}`, pending: `${shadow} IS DISTINCT FROM ${convert(col)}` }, tableOf(to, c.table), options.batchSize)],
      down: [],
    },
    ...(c.to.notNull ? notNullPieces(c.table, shadowName) : []),
    {
      phase: 'contract',
      description: `swap ${c.table}.${shadowName} in as ${name} (${c.from.type} → ${c.to.type})`,
      up: [
        `DROP TRIGGER ${trigger} ON ${quoteQualified(c.table)}`,
        `DROP FUNCTION ${fn}()`,
        withAccepted(`${t} DROP COLUMN ${col}`, [{ rule: 'ban-drop-column', reason: `the ${c.from.type} values of ${c.table}.${name} live on in ${shadowName}, renamed next` }]),
        `${t} RENAME COLUMN ${shadow} TO ${col}`,
        ...rebuilt.rename,
        ...(c.to.default !== undefined ? [`${t} ALTER COLUMN ${col} SET DEFAULT ${c.to.default}`] : []),
      ],
      down: [`-- the ${c.from.type} column ${c.table}.${name} is not restored by this down; convert back with a new plan`],
      accepted: [{ rule: 'ban-drop-column', reason: `the ${c.from.type} values of ${c.table}.${name} live on in ${shadowName}, renamed next` }],
    },
  ];
  return {
    pieces,
    indexes: rebuilt.names,
    deploys: [{ before: 'contract', text: `deploy code that works with ${c.table}.${name} as ${c.to.type} as well as ${c.from.type}` }],
  };
}

/** Defaults, dropped NOT NULL and widenings that change no stored value: in place, in expand. */
export function alterInPlace(c: ChangeOf<'alter_column'>): Contribution {
  const t = alterTable(c.table);
  const col = `${t} ALTER COLUMN ${quoteIdent(c.to.name)}`;
  const up: string[] = [];
  const down: string[] = [];
  if (c.aspects.includes('type')) {
    up.push(`${col} TYPE ${c.to.type}${c.to.collation ? ` COLLATE ${c.to.collation}` : ''}`);
    down.push(`${col} TYPE ${c.from.type}${c.from.collation ? ` COLLATE ${c.from.collation}` : ''}`);
  }
  if (c.aspects.includes('default')) {
    up.push(c.to.default === undefined ? `${col} DROP DEFAULT` : `${col} SET DEFAULT ${c.to.default}`);
    down.unshift(c.from.default === undefined ? `${col} DROP DEFAULT` : `${col} SET DEFAULT ${c.from.default}`);
  }
  if (c.aspects.includes('notNull') && !c.to.notNull) {
    up.push(`${col} DROP NOT NULL`);
    down.unshift(`${col} SET NOT NULL`);
  }
  const pieces: Piece[] = up.length ? [{ phase: 'expand', description: `alter ${c.table}.${c.to.name} in place (no rewrite)`, up, down }] : [];
  if (c.aspects.includes('notNull') && c.to.notNull) pieces.push(...notNullPieces(c.table, c.to.name));
  return {
    pieces,
    deploys: c.aspects.includes('notNull') && c.to.notNull ? [{ before: 'validate', text: `deploy code that never writes NULL into ${c.table}.${c.to.name}` }] : [],
  };
}

/** ADD COLUMN whose NOT NULL or default would scan or rewrite: add it plain, fill it, then constrain it. */
export function addColumn(c: ChangeOf<'add_column'>, to: Schema, options: ZdtOptions): Contribution | undefined {
  const column = c.to;
  const volatile = column.default !== undefined && VOLATILE_DEFAULT.test(column.default);
  const required = column.notNull && column.default === undefined;
  if ((!volatile && !required) || column.identity || column.generated !== undefined) return undefined;
  const t = alterTable(c.table);
  const col = quoteIdent(column.name);
  const plain: Column = { ...column, notNull: false, default: undefined };
  const pieces: Piece[] = [
    {
      phase: 'expand',
      description: `add ${c.table}.${column.name} without a rewrite`,
      up: [`${t} ADD COLUMN ${columnDefinition(plain)}`, ...(volatile ? [`${t} ALTER COLUMN ${col} SET DEFAULT ${column.default}`] : [])],
      down: [`${t} DROP COLUMN IF EXISTS ${col}`],
    },
  ];
  if (volatile) {
    pieces.push({
      phase: 'backfill',
      description: `fill ${c.table}.${column.name} of existing rows in batches`,
      up: [backfillSql({ table: c.table, label: `${c.table}.${column.name}`, set: `${col} = ${column.default}`, pending: `${col} IS NULL` }, tableOf(to, c.table), options.batchSize)],
      down: [],
    });
  }
  if (column.notNull) pieces.push(...notNullPieces(c.table, column.name));
  return {
    pieces,
    deploys: required ? [{ before: 'validate', text: `deploy code that writes ${c.table}.${column.name} on every insert, and fill it in existing rows` }] : [],
    warnings: required
      ? [{ code: 'NEEDS_BACKFILL_VALUE', severity: 'warning', object: `${c.table}.${column.name}`, message: `${c.table}.${column.name} is NOT NULL without a default: the plan cannot choose a value for existing rows; fill them before the validate phase, or it fails` }]
      : [],
  };
}
