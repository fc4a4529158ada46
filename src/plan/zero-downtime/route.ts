/**
 * Sends each change to the strategy that splits it across phases, or to the ordinary planner
 * (`generic`). Column strategies go first: they claim the indexes they rebuild on their new columns.
 */
import type { Change } from '../../core/change.js';
import type { Schema } from '../../core/model.js';
import * as C from './columns.js';
import * as O from './objects.js';
import { columnPattern } from './sql.js';
import type { Contribution, ZdtOptions, ZdtWarning } from './types.js';

export interface Routed {
  readonly contributions: readonly Contribution[];
  readonly generic: readonly Change[];
  /** `table.column` of columns the contract phase drops or swaps out. */
  readonly droppedColumns: readonly string[];
  readonly warnings: ZdtWarning[];
}

export function routeChanges(changes: readonly Change[], from: Schema, to: Schema, options: ZdtOptions): Routed {
  const contributions: Contribution[] = [];
  const absorbed = new Set<string>();
  const droppedColumns: string[] = [];
  const warnings: ZdtWarning[] = [];
  const inPlaceRenames: Extract<Change, { kind: 'rename_column' }>[] = [];
  const generic: Change[] = [];
  const strategy = (change: Change): Contribution | undefined => {
    switch (change.kind) {
      case 'rename_column': {
        if (inConstraint(from, change.table, change.from.name)) {
          inPlaceRenames.push(change);
          warnings.push({ code: 'NOT_ZERO_DOWNTIME', severity: 'warning', object: `${change.table}.${change.from.name}`, message: `${change.table}.${change.from.name} is part of a key or constraint: it is renamed in place, and code using the old name fails from the expand phase on` });
          return undefined;
        }
        const result = C.renameColumn(change, to, options);
        droppedColumns.push(`${change.table}.${change.from.name}`);
        for (const name of result.indexes) absorbed.add(`${change.table}|${name}`);
        return result;
      }
      case 'alter_column': {
        if (!simpleColumnChange(change)) return undefined;
        if (C.typeChangeInPlace(change)) return C.alterInPlace(change);
        if (inConstraint(from, change.table, change.from.name) || inConstraint(to, change.table, change.to.name)) return undefined;
        const result = C.changeType(change, to, options);
        droppedColumns.push(`${change.table}.${change.from.name}`);
        for (const name of result.indexes) absorbed.add(`${change.table}|${name}`);
        return result;
      }
      case 'add_column':
        return from.tables[change.table] ? C.addColumn(change, to, options) : undefined;
      case 'add_constraint':
        return from.tables[change.table] ? O.addConstraint(change) : undefined;
      case 'rename_table':
        return O.renameTable(change);
      case 'add_enum_value':
        return O.addEnumValue(change);
      default:
        return undefined;
    }
  };
  const renamed = O.renamedConstraints(changes);
  contributions.push(...renamed.contributions);
  // Column strategies first: they claim the indexes they rebuild on their new columns.
  const rest: Change[] = [];
  for (const change of changes) {
    if (renamed.claimed.has(change)) continue;
    const claimed = change.kind === 'rename_column' || change.kind === 'alter_column' ? strategy(change) : undefined;
    if (claimed) contributions.push(claimed);
    else if (change.kind === 'rename_column' || change.kind === 'alter_column') generic.push(change);
    else rest.push(change);
  }
  const redefined = new Set<Change>();
  for (const add of rest) {
    if (add.kind !== 'add_index' || absorbed.has(`${add.table}|${add.to.name}`) || !onExistingTable(from, add.table)) continue;
    const drop = rest.find((d): d is Extract<Change, { kind: 'drop_index' }> => d.kind === 'drop_index' && d.table === add.table && d.from.name === add.to.name);
    if (!drop) continue;
    redefined.add(add).add(drop);
    contributions.push(O.redefineIndex(drop, add));
  }
  for (const change of rest) {
    if (redefined.has(change)) continue;
    // Keys and indexes of a column renamed in place follow the ordinary plan with it.
    if (inPlaceRenames.some((r) => mentionsColumn(change, r.table, [r.from.name, r.to.name]))) {
      generic.push(change);
      continue;
    }
    if ((change.kind === 'add_index' || change.kind === 'drop_index') && absorbed.has(`${change.table}|${change.kind === 'add_index' ? change.to.name : change.from.name}`)) continue;
    const existing = (change.kind === 'add_index' || change.kind === 'drop_index') && onExistingTable(from, change.table) && onExistingTable(to, change.table);
    const claimed = change.kind === 'add_index' && existing ? O.addIndex(change) : change.kind === 'drop_index' && existing ? O.dropIndex(change) : strategy(change);
    if (claimed) contributions.push(claimed);
    else generic.push(change);
  }
  return { contributions, generic, droppedColumns, warnings };
}

function simpleColumnChange(c: Extract<Change, { kind: 'alter_column' }>): boolean {
  const plain = (column: typeof c.from) => !column.identity && column.generated === undefined;
  return plain(c.from) && plain(c.to) && c.aspects.every((a) => a === 'type' || a === 'default' || a === 'notNull');
}

function inConstraint(schema: Schema, table: string, column: string): boolean {
  const t = schema.tables[table];
  if (!t) return false;
  const referenced = Object.values(schema.tables).some((other) => Object.values(other.constraints).some((k) => k.references?.table === table && k.references.columns.includes(column)));
  return referenced || Object.values(t.constraints).some((k) => k.columns.includes(column) || (k.kind === 'check' && k.definition.includes(column)));
}

function mentionsColumn(change: Change, table: string, columns: readonly string[]): boolean {
  const named = (text: string) => columns.some((c) => columnPattern(c).test(text));
  switch (change.kind) {
    case 'add_constraint':
      return change.table === table && (change.to.columns.some((c) => columns.includes(c)) || named(change.to.definition));
    case 'drop_constraint':
      return change.table === table && (change.from.columns.some((c) => columns.includes(c)) || named(change.from.definition));
    case 'add_index':
      return change.table === table && named(change.to.definition.slice(change.to.definition.indexOf('(')));
    case 'drop_index':
      return change.table === table && named(change.from.definition.slice(change.from.definition.indexOf('(')));
    default:
      return false;
  }
}

function onExistingTable(schema: Schema, table: string): boolean {
  const t = schema.tables[table];
  return t !== undefined && !t.partitioning?.by;
}
