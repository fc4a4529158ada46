/**
 * Constraint, index, table-rename and enum strategies: constraints NOT VALID then VALIDATE, unique
 * constraints from an index built CONCURRENTLY, indexes built and dropped CONCURRENTLY outside any
 * transaction, a renamed table kept reachable by its old name through a view, enum values added
 * outside a transaction.
 */
import type { Change, ChangeOf } from '../../core/change.js';
import { qualify } from '../../core/model.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../../dialects/postgres/quote.js';
import { alterTable, constraintClause } from '../../dialects/postgres/render/sql-parts.js';
import { concurrentIndexSql } from './columns.js';
import type { Contribution } from './types.js';

export function addConstraint(c: ChangeOf<'add_constraint'>): Contribution | undefined {
  const t = alterTable(c.table);
  const name = quoteIdent(c.to.name);
  if (!c.to.validated) return undefined;
  if (c.to.kind === 'foreign_key' || c.to.kind === 'check') {
    return {
      pieces: [
        { phase: 'expand', description: `add ${c.to.name} NOT VALID (new rows are checked, old ones not yet)`, up: [`${t} ADD ${constraintClause(c.to)} NOT VALID`], down: [`${t} DROP CONSTRAINT IF EXISTS ${name}`] },
        { phase: 'validate', description: `validate ${c.to.name} (reads and writes go on)`, up: [`${t} VALIDATE CONSTRAINT ${name}`], down: [] },
      ],
    };
  }
  if (c.to.kind === 'unique' || c.to.kind === 'primary_key') {
    const plain = /^(UNIQUE|PRIMARY KEY) \(([^()]*)\)$/.exec(c.to.definition);
    if (!plain) return undefined;
    const schema = c.table.slice(0, c.table.indexOf('.'));
    const definition = `CREATE UNIQUE INDEX ${quoteIdent(c.to.name)} ON ${quoteQualified(c.table)} USING btree (${plain[2]})`;
    const index = concurrentIndexSql(c.table, { name: c.to.name, unique: true, method: 'btree', keys: [...c.to.columns], definition }, c.to.name);
    const kind = c.to.kind === 'unique' ? 'UNIQUE' : 'PRIMARY KEY';
    return {
      pieces: [
        { phase: 'expand-indexes', description: `build the unique index for ${c.to.name} CONCURRENTLY`, up: index.up, down: index.down },
        {
          phase: 'validate',
          description: `attach ${c.to.name} to its prebuilt index`,
          up: [`${t} ADD CONSTRAINT ${name} ${kind} USING INDEX ${name}`],
          down: [`${t} DROP CONSTRAINT IF EXISTS ${name}`, `DROP INDEX IF EXISTS ${quoteIdent(schema)}.${name}`],
        },
      ],
    };
  }
  return undefined;
}

export function addIndex(c: ChangeOf<'add_index'>): Contribution {
  const sql = concurrentIndexSql(c.table, c.to, c.to.name);
  return { pieces: [{ phase: 'expand-indexes', description: `build ${c.to.name} CONCURRENTLY`, up: sql.up, down: sql.down }] };
}

export function dropIndex(c: ChangeOf<'drop_index'>): Contribution {
  const schema = c.table.slice(0, c.table.indexOf('.'));
  const rebuild = concurrentIndexSql(c.table, c.from, c.from.name);
  return {
    pieces: [{ phase: 'contract-indexes', description: `drop ${c.from.name} CONCURRENTLY`, up: [`DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdent(schema)}.${quoteIdent(c.from.name)}`], down: [rebuild.up[1] as string] }],
    deploys: [{ before: 'contract-indexes', text: `make sure no query relies on index ${c.from.name} any more` }],
  };
}

/** Rename in expand and leave an updatable view under the old name until contract. */
export function renameTable(c: ChangeOf<'rename_table'>): Contribution | undefined {
  if (c.from.schema !== c.to.schema) return undefined;
  const oldKey = qualify(c.from.schema, c.from.name);
  const newKey = qualify(c.to.schema, c.to.name);
  const reason = `old code keeps using ${oldKey} through a view until the contract phase`;
  return {
    pieces: [
      {
        phase: 'expand',
        first: true,
        description: `rename ${oldKey} to ${c.to.name}, with a view under the old name for code not yet deployed`,
        up: [`-- migration-generator-disable renaming-table -- ${reason}\n${alterTable(oldKey)} RENAME TO ${quoteIdent(c.to.name)}`, `CREATE VIEW ${quoteQualified(oldKey)} AS SELECT * FROM ${quoteQualified(newKey)}`],
        down: [`DROP VIEW IF EXISTS ${quoteQualified(oldKey)}`, `${alterTable(newKey)} RENAME TO ${quoteIdent(c.from.name)}`],
        accepted: [{ rule: 'renaming-table', reason }],
      },
      {
        phase: 'contract',
        first: true,
        description: `drop the compatibility view ${oldKey}`,
        up: [`DROP VIEW ${quoteQualified(oldKey)}`],
        down: [`CREATE VIEW ${quoteQualified(oldKey)} AS SELECT * FROM ${quoteQualified(newKey)}`],
      },
    ],
    deploys: [{ before: 'contract', text: `deploy code that uses ${newKey} instead of ${oldKey}` }],
  };
}

export function addEnumValue(c: ChangeOf<'add_enum_value'>): Contribution {
  const position = c.before !== undefined ? ` BEFORE ${quoteLiteral(c.before)}` : c.after !== undefined ? ` AFTER ${quoteLiteral(c.after)}` : '';
  return {
    pieces: [
      {
        phase: 'expand-types',
        description: `add value ${c.value} to ${c.type}`,
        up: [`ALTER TYPE ${quoteQualified(c.type)} ADD VALUE IF NOT EXISTS ${quoteLiteral(c.value)}${position}`],
        down: [`-- PostgreSQL cannot drop the enum value ${c.value} of ${c.type}; it stays, unused`],
      },
    ],
  };
}

/**
 * A constraint dropped and added again with the same body under another name (a renamed table's
 * `users_pkey` becoming `accounts_pkey`) is renamed: no index build, no scan.
 */
export function renamedConstraints(changes: readonly Change[]): { contributions: Contribution[]; claimed: Set<Change> } {
  const claimed = new Set<Change>();
  const contributions: Contribution[] = [];
  const drops = changes.filter((c): c is ChangeOf<'drop_constraint'> => c.kind === 'drop_constraint');
  for (const add of changes) {
    if (add.kind !== 'add_constraint') continue;
    const drop = drops.find((d) => !claimed.has(d) && d.table === add.table && d.from.kind === add.to.kind && d.from.definition === add.to.definition && d.from.validated === add.to.validated);
    if (!drop) continue;
    claimed.add(drop).add(add);
    const t = alterTable(add.table);
    contributions.push({
      pieces: [
        {
          phase: 'expand',
          description: `rename constraint ${drop.from.name} of ${add.table} to ${add.to.name}`,
          up: [`${t} RENAME CONSTRAINT ${quoteIdent(drop.from.name)} TO ${quoteIdent(add.to.name)}`],
          down: [`${t} RENAME CONSTRAINT ${quoteIdent(add.to.name)} TO ${quoteIdent(drop.from.name)}`],
        },
      ],
    });
  }
  return { contributions, claimed };
}

/** An index dropped and added under the same name: the new one is built beside it, then takes its name. */
export function redefineIndex(drop: ChangeOf<'drop_index'>, add: ChangeOf<'add_index'>): Contribution {
  const schema = quoteIdent(add.table.slice(0, add.table.indexOf('.')));
  const temp = `${add.to.name.slice(0, 63 - '_mg_new'.length)}_mg_new`;
  const build = concurrentIndexSql(add.table, add.to, temp);
  const restore = concurrentIndexSql(drop.table, drop.from, drop.from.name);
  return {
    pieces: [
      { phase: 'expand-indexes', description: `build the new ${add.to.name} CONCURRENTLY as ${temp}`, up: build.up, down: build.down },
      {
        phase: 'contract-indexes',
        description: `replace ${add.to.name} by ${temp}`,
        up: [`DROP INDEX CONCURRENTLY IF EXISTS ${schema}.${quoteIdent(drop.from.name)}`, `ALTER INDEX IF EXISTS ${schema}.${quoteIdent(temp)} RENAME TO ${quoteIdent(add.to.name)}`],
        down: [`ALTER INDEX IF EXISTS ${schema}.${quoteIdent(add.to.name)} RENAME TO ${quoteIdent(temp)}`, restore.up[1] as string],
      },
    ],
  };
}
