/**
 * A parser TypeName → the text `format_type` prints for it with `search_path = ''`: aliases resolved
 * (`int4` → `integer`, `varchar(10)` → `character varying(10)`), user types schema-qualified.
 */
import { quoteQualified } from '../../../dialects/postgres/quote.js';
import { needsDatabase } from './fallback.js';

type Node = Record<string, any>;

/** Built-in names (as the parser leaves them) → format_type's name, for types without a modifier. */
const PLAIN: Record<string, string> = {
  int4: 'integer', int: 'integer', integer: 'integer', int8: 'bigint', bigint: 'bigint', int2: 'smallint', smallint: 'smallint',
  float8: 'double precision', float4: 'real', bool: 'boolean', boolean: 'boolean', text: 'text', uuid: 'uuid', json: 'json', jsonb: 'jsonb',
  bytea: 'bytea', date: 'date', inet: 'inet', cidr: 'cidr', macaddr: 'macaddr', macaddr8: 'macaddr8', money: 'money', xml: 'xml',
  tsvector: 'tsvector', tsquery: 'tsquery', oid: 'oid', point: 'point', line: 'line', lseg: 'lseg', box: 'box', path: 'path',
  polygon: 'polygon', circle: 'circle', interval: 'interval', numeric: 'numeric', decimal: 'numeric', varchar: 'character varying',
  timestamptz: 'timestamp with time zone', timestamp: 'timestamp without time zone', timetz: 'time with time zone',
  time: 'time without time zone', varbit: 'bit varying',
};

/** Types whose modifier format_type prints, and how. */
const WITH_MODIFIER: Record<string, (mods: number[]) => string> = {
  varchar: ([n]) => `character varying(${n})`,
  bpchar: ([n]) => `character(${n})`,
  numeric: ([p, s]) => `numeric(${p},${s ?? 0})`,
  decimal: ([p, s]) => `numeric(${p},${s ?? 0})`,
  bit: ([n]) => `bit(${n})`,
  varbit: ([n]) => `bit varying(${n})`,
  timestamp: ([n]) => `timestamp(${n}) without time zone`,
  timestamptz: ([n]) => `timestamp(${n}) with time zone`,
  time: ([n]) => `time(${n}) without time zone`,
  timetz: ([n]) => `time(${n}) with time zone`,
};

export const SERIAL_TYPES: Record<string, string> = {
  serial: 'integer', serial4: 'integer', bigserial: 'bigint', serial8: 'bigint', smallserial: 'smallint', serial2: 'smallint',
};

export interface TypeLookup {
  /** Model key (`schema.name`) of a user-defined type the text created, for a name as written. */
  userType(schema: string | undefined, name: string): string | undefined;
}

export interface ResolvedType {
  /** format_type's text. */
  readonly text: string;
  /** The element type's model key when it is user-defined (for dependencies). */
  readonly userType?: string;
  /** `integer`/`bigint`/`smallint` for serial columns. */
  readonly serialOf?: string;
  readonly isArray: boolean;
}

export function resolveType(typeName: Node, lookup: TypeLookup): ResolvedType {
  if (typeName.setof || typeName.pct_type) needsDatabase('SETOF or %TYPE');
  const names: string[] = (typeName.names ?? []).map((n: Node) => String(n.String?.sval ?? ''));
  const isArray = Array.isArray(typeName.arrayBounds) && typeName.arrayBounds.length > 0;
  const suffix = isArray ? '[]' : '';
  const mods = modifiers(typeName);
  const last = names.at(-1) ?? '';
  const schema = names.length > 1 ? names[0] : undefined;
  if (names.length > 2) needsDatabase('a type name with a database part');
  if (schema === undefined && SERIAL_TYPES[last] && !isArray && mods.length === 0) {
    return { text: SERIAL_TYPES[last] as string, serialOf: SERIAL_TYPES[last], isArray: false };
  }
  const user = schema === 'pg_catalog' ? undefined : lookup.userType(schema, last);
  if (user) {
    if (mods.length > 0) needsDatabase('a modifier on a user-defined type');
    return { text: `${quoteQualified(user)}${suffix}`, userType: user, isArray };
  }
  if (schema !== undefined && schema !== 'pg_catalog') needsDatabase(`type ${names.join('.')}`);
  if (mods.length > 0) {
    const render = WITH_MODIFIER[last];
    if (!render) needsDatabase(`type ${last} with a modifier`);
    return { text: `${render(mods)}${suffix}`, isArray };
  }
  // A bare bpchar (not CHAR, which the grammar gives a length of 1) prints as bpchar: leave it to the database.
  const plain = PLAIN[last];
  if (!plain || (last === 'interval' && typeName.typmods)) needsDatabase(`type ${last}`);
  return { text: `${plain}${suffix}`, isArray };
}

/** Integer type modifiers; anything else (interval fields, expressions) is left to the database. */
function modifiers(typeName: Node): number[] {
  const list: Node[] = typeName.typmods ?? [];
  return list.map((m) => {
    const ival = m.A_Const?.ival;
    if (!m.A_Const || m.A_Const.isnull || ival === undefined) needsDatabase('a non-integer type modifier');
    return Number(ival.ival ?? 0);
  });
}
