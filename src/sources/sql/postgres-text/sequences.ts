/** Sequences: CREATE/ALTER SEQUENCE options with PostgreSQL's defaults and checks, identity options. */
import type { SequenceOptions } from '../../../core/model.js';
import { qualify } from '../../../core/model.js';
import { needsDatabase } from './fallback.js';
import type { TextCatalog } from './state.js';
import { resolveType } from './types.js';

type Node = Record<string, any>;

/** The range of each sequence type, also the bounds of serial and identity sequences. */
export const SEQUENCE_BOUNDS: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/** Options as PostgreSQL completes them: bounds and start follow the direction of the increment. */
export function sequenceOptions(options: readonly Node[], catalog: TextCatalog, fixedType?: string): { options: SequenceOptions; ownedBy?: string[] | null } {
  const given = new Map<string, Node>();
  for (const o of options) {
    const d = o.DefElem as Node;
    if (given.has(String(d.defname))) needsDatabase('a sequence option given twice');
    given.set(String(d.defname), d);
  }
  const known = new Set(['as', 'increment', 'minvalue', 'maxvalue', 'start', 'cache', 'cycle', 'owned_by']);
  for (const name of given.keys()) if (!known.has(name)) needsDatabase(`sequence option ${name}`);
  const asType = given.get('as')?.arg?.TypeName;
  const dataType = fixedType ?? (asType ? resolveType(asType, catalog).text : 'bigint');
  if (fixedType && asType) needsDatabase('AS on an identity sequence');
  const bounds = SEQUENCE_BOUNDS[dataType] ?? needsDatabase(`a sequence of type ${dataType}`);
  const increment = numberOption(given.get('increment')) ?? 1n;
  if (increment === 0n) needsDatabase('INCREMENT 0');
  const min = numberOption(given.get('minvalue')) ?? (increment > 0n ? 1n : bounds[0]);
  const max = numberOption(given.get('maxvalue')) ?? (increment > 0n ? bounds[1] : -1n);
  const start = numberOption(given.get('start')) ?? (increment > 0n ? min : max);
  const cache = numberOption(given.get('cache')) ?? 1n;
  if (min >= max || start < min || start > max || min < bounds[0] || max > bounds[1] || cache < 1n) needsDatabase('sequence bounds PostgreSQL would refuse');
  const cycle = given.get('cycle')?.arg?.Boolean?.boolval === true;
  const owned = given.get('owned_by');
  const ownedBy = owned ? ownedByOf(owned) : undefined;
  return {
    options: { dataType, start: String(start), increment: String(increment), min: String(min), max: String(max), cache: String(cache), cycle },
    ...(ownedBy !== undefined ? { ownedBy } : {}),
  };
}

function numberOption(d: Node | undefined): bigint | undefined {
  if (!d) return undefined;
  if (!d.arg) return undefined; // NO MINVALUE / NO MAXVALUE: the default.
  if (d.arg.Integer) return BigInt(d.arg.Integer.ival ?? 0);
  if (d.arg.Float && /^-?\d+$/.test(String(d.arg.Float.fval))) return BigInt(d.arg.Float.fval);
  return needsDatabase('a sequence option that is not an integer');
}

/** `OWNED BY t.c` → the name parts; `OWNED BY NONE` → null. */
function ownedByOf(d: Node): string[] | null {
  const parts = ((d.arg?.List?.items ?? []) as Node[]).map((n) => String(n.String?.sval));
  if (parts.length === 1 && parts[0] === 'none') return null;
  if (parts.length < 2 || parts.length > 3) needsDatabase('an OWNED BY name');
  return parts;
}

export function createSequence(catalog: TextCatalog, stmt: Node): void {
  const rv = stmt.sequence as Node;
  if (rv.relpersistence !== 'p' || stmt.for_identity) needsDatabase('a temporary or unlogged sequence');
  const schema = catalog.schemaFor(rv.schemaname);
  const name = String(rv.relname);
  const key = qualify(schema, name);
  if (catalog.sequences.has(key) && stmt.if_not_exists) return;
  catalog.claimRelation(schema, name);
  const { options, ownedBy } = sequenceOptions(stmt.options ?? [], catalog);
  catalog.sequences.set(key, { schema, name, ...options });
  if (ownedBy) setOwner(catalog, key, ownedBy);
}

export function alterSequence(catalog: TextCatalog, stmt: Node): void {
  const rv = stmt.sequence as Node;
  const key = qualify(catalog.schemaFor(rv.schemaname), String(rv.relname));
  if (!catalog.sequences.has(key)) {
    if (stmt.missing_ok) return;
    needsDatabase(`sequence ${key} is not known here`);
  }
  const options = (stmt.options ?? []) as Node[];
  if (options.length !== 1 || options[0]?.DefElem?.defname !== 'owned_by') needsDatabase('ALTER SEQUENCE other than OWNED BY');
  const { ownedBy } = sequenceOptions(options, catalog, catalog.sequences.get(key)?.dataType);
  setOwner(catalog, key, ownedBy ?? null);
}

/** OWNED BY needs a column of a table in the sequence's own schema. */
function setOwner(catalog: TextCatalog, key: string, parts: string[] | null): void {
  const sequence = catalog.sequences.get(key);
  if (!sequence) return needsDatabase(`sequence ${key} is not known here`);
  const { ownedBy: _old, ...rest } = sequence;
  if (parts === null) return void catalog.sequences.set(key, rest);
  const column = parts.at(-1) as string;
  const table = catalog.table(parts.length === 3 ? parts[0] : undefined, parts.at(-2) as string);
  if (table.schema !== sequence.schema || !table.columns.some((c) => c.name === column)) needsDatabase('OWNED BY a column PostgreSQL would refuse');
  catalog.sequences.set(key, { ...rest, ownedBy: `${table.schema}.${table.name}.${column}` });
}
