import type { Node } from 'libpg-query';
import { strings, walk } from './ast.js';

export type Volatility = 'constant' | 'stable' | 'volatile' | 'unknown';

// VOLATILE built-ins that show up as column defaults; each call yields a new value per row.
const VOLATILE: ReadonlySet<string> = new Set([
  'random',
  'random_normal',
  'gen_random_uuid',
  'uuidv4',
  'uuidv7',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'setseed',
  'gen_random_bytes',
]);

// Immutable or stable built-ins: PostgreSQL 11+ evaluates them once and stores the value in the catalog.
const NOT_VOLATILE: ReadonlySet<string> = new Set([
  'now',
  'statement_timestamp',
  'transaction_timestamp',
  'current_setting',
  'lower',
  'upper',
  'concat',
  'concat_ws',
  'length',
  'md5',
  'to_char',
  'to_date',
  'to_timestamp',
  'to_jsonb',
  'to_json',
  'jsonb_build_object',
  'jsonb_build_array',
  'json_build_object',
  'json_build_array',
  'make_interval',
  'make_date',
  'date_trunc',
  'array_fill',
  'coalesce',
  'greatest',
  'least',
  'pg_catalog.now',
]);

/** How a default expression behaves when PostgreSQL adds a column with it. */
export function volatility(expr: Node | undefined): Volatility {
  if (!expr) return 'constant';
  let result: Volatility = 'constant';
  const raise = (level: Volatility) => {
    const order: Volatility[] = ['constant', 'stable', 'unknown', 'volatile'];
    if (order.indexOf(level) > order.indexOf(result)) result = level;
  };
  walk({ root: expr }, (key, value) => {
    if (key === 'FuncCall') {
      const name = strings(value.funcname as Node[] | undefined).pop()?.toLowerCase() ?? '';
      raise(VOLATILE.has(name) ? 'volatile' : NOT_VOLATILE.has(name) ? 'stable' : 'unknown');
    } else if (key === 'SQLValueFunction') {
      raise('stable');
    } else if (key === 'SubLink' || key === 'ColumnRef') {
      raise('unknown');
    }
  });
  return result;
}

/** `NULL` or `NULL::type`: adding such a default never touches rows. */
export function isNullConstant(expr: Node | undefined): boolean {
  if (!expr) return true;
  if ('TypeCast' in expr) return isNullConstant(expr.TypeCast.arg);
  return 'A_Const' in expr && expr.A_Const.isnull === true;
}
