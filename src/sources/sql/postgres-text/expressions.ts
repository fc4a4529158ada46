/**
 * Raw expressions (column defaults, CHECK constraints, index predicates) → the text `pg_get_expr`
 * prints for them: PostgreSQL's constant typing, operator resolution and implicit casts, for the
 * common shapes only. Anything outside them is left to the database (NeedsDatabase).
 */
import { quoteIdent, quoteLiteral, quoteQualified } from '../../../dialects/postgres/quote.js';
import { needsDatabase } from './fallback.js';
import { resolveType, type TypeLookup } from './types.js';

type Node = Record<string, any>;

/** A typed expression: its text, its type as format_type prints it, and whether it is a bare constant. */
export interface Typed {
  readonly text: string;
  readonly type: string;
  readonly constant?: ConstantKind;
  /** A constant's own value, for constants still to be typed by context (string literals). */
  readonly value?: string;
}

type ConstantKind = 'int4' | 'int8' | 'numeric' | 'unknown' | 'bool' | 'null';

export interface ExpressionScope extends TypeLookup {
  /** format_type of a column of the table the expression belongs to. */
  columnType(name: string): string | undefined;
  /** Labels of a user enum, by model key. */
  enumLabels(key: string): readonly string[] | undefined;
  /** A sequence the text created, by name as `regclass` would read it (noted as a dependency). */
  sequenceKey?(schema: string | undefined, name: string): string | undefined;
  /** Resolves a (possibly qualified) column reference in a query over several relations. */
  resolveColumn?(fields: readonly string[]): Typed;
  /** Called for every column and user type the expression reads (PostgreSQL records them as dependencies). */
  noteColumn?(name: string): void;
  noteType?(key: string): void;
}

const INTEGERS = new Set(['smallint', 'integer', 'bigint']);
const COMPARISONS: Record<string, string> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '>': '>', '<=': '<=', '>=': '>=' };

/** A column default, coerced to the column's type as PostgreSQL stores it. Undefined: no default is stored. */
export function renderDefault(node: Node, columnType: string, scope: ExpressionScope): string | undefined {
  const value = typed(node, scope);
  if (value.constant === 'null') {
    // A NULL default is not stored, unless a length coercion wraps it (varchar(10), numeric(12,2), ...).
    if (/\(/.test(columnType)) needsDatabase('DEFAULT NULL on a type with a modifier');
    return undefined;
  }
  return coerceHidden(value, columnType, scope).text;
}

/** A boolean expression (CHECK, index predicate) as pg_get_expr prints it. */
export function renderCondition(node: Node, scope: ExpressionScope): string {
  const value = typed(node, scope);
  if (value.type !== 'boolean') needsDatabase('a condition that is not boolean');
  return value.text;
}

/** Every column name an expression reads, in order of appearance, without repeats. */
export function columnsRead(node: unknown): string[] {
  const out: string[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    const ref = (n as Node).ColumnRef;
    if (ref) {
      const name = columnName(ref);
      if (!out.includes(name)) out.push(name);
      return;
    }
    Object.values(n).forEach(visit);
  };
  visit(node);
  return out;
}

export function typed(node: Node, scope: ExpressionScope): Typed {
  const [kind] = Object.keys(node);
  const body = node[kind as string];
  switch (kind) {
    case 'A_Const':
      return constant(body);
    case 'ColumnRef':
      return column(body, scope);
    case 'TypeCast':
      return typeCast(body, scope);
    case 'FuncCall':
      return functionCall(body, scope);
    case 'SQLValueFunction':
      return sqlValueFunction(body);
    case 'A_Expr':
      return operatorExpression(body, scope);
    case 'BoolExpr':
      return boolExpression(body, scope);
    case 'NullTest':
      return { text: `(${typed(body.arg, scope).text} ${body.nulltesttype === 'IS_NULL' ? 'IS NULL' : 'IS NOT NULL'})`, type: 'boolean' };
    case 'BooleanTest':
      return booleanTest(body, scope);
    default:
      return needsDatabase(`expression ${kind}`);
  }
}

function constant(body: Node): Typed {
  if (body.isnull) return { text: 'NULL', type: 'unknown', constant: 'null' };
  if (body.boolval) return { text: body.boolval.boolval ? 'true' : 'false', type: 'boolean', constant: 'bool' };
  if (body.sval) return { text: quoteText(String(body.sval.sval ?? '')), type: 'unknown', constant: 'unknown', value: String(body.sval.sval ?? '') };
  if (body.ival) {
    const n = Number(body.ival.ival ?? 0);
    return { text: n < 0 ? `'${n}'::integer` : String(n), type: 'integer', constant: 'int4', value: String(n) };
  }
  if (body.fval) {
    const text = String(body.fval.fval);
    if (/^-?\d+$/.test(text)) {
      const big = BigInt(text);
      if (big < -(2n ** 63n) || big >= 2n ** 63n) return numeric(text);
      return { text: `'${text}'::bigint`, type: 'bigint', constant: 'int8', value: text };
    }
    return numeric(text);
  }
  return needsDatabase('a constant of an unknown kind');
}

/** NUMERIC prints bare when it looks like a float and has no sign; otherwise quoted and labelled. */
function numeric(text: string): Typed {
  const bare = /^\d/.test(text) && /[eE.]/.test(text);
  if (/[eE]/.test(text)) needsDatabase('a numeric constant in exponent form');
  return { text: bare ? text : `'${text}'::numeric`, type: 'numeric', constant: 'numeric', value: text };
}

function column(ref: Node, scope: ExpressionScope): Typed {
  if (scope.resolveColumn) {
    const fields = ((ref.fields ?? []) as Node[]).map((f) => (f.String ? String(f.String.sval) : needsDatabase('a * or subscript in a column reference')));
    return scope.resolveColumn(fields);
  }
  const name = columnName(ref);
  const type = scope.columnType(name);
  if (type === undefined) needsDatabase(`column ${name} is not known here`);
  scope.noteColumn?.(name);
  return { text: quoteIdent(name), type };
}

function columnName(ref: Node): string {
  const fields: Node[] = ref.fields ?? [];
  if (fields.length !== 1 || !fields[0]?.String) needsDatabase('a qualified column reference');
  return String(fields[0].String.sval);
}

/** Explicit casts PostgreSQL folds into a typed constant, or keeps as `(x)::type`. */
function typeCast(body: Node, scope: ExpressionScope): Typed {
  const target = resolveType(body.typeName, scope);
  if (target.serialOf || target.isArray) needsDatabase('a cast to this type');
  const arg = typed(body.arg, scope);
  if (target.userType) scope.noteType?.(target.userType);
  if (arg.constant === 'unknown') return literalOf(arg, target.text, scope);
  if (arg.constant === 'int4' || arg.constant === 'numeric') {
    if (arg.type === target.text) return { ...arg, constant: undefined };
    if (!numericFamily(target.text)) needsDatabase('a cast of a number to a non-numeric type');
    return { text: `(${arg.text})::${target.text}`, type: target.text };
  }
  return needsDatabase('a cast of this expression');
}

/** A string literal typed by its context: the forms whose stored value is the text as written. */
function literalOf(arg: Typed, type: string, scope: ExpressionScope): Typed {
  const value = arg.value ?? '';
  if (type === 'text' || type === 'character varying' || type === 'json') return { text: `${arg.text}::${type}`, type };
  if (type === 'jsonb' && (value === '{}' || value === '[]')) return { text: `${arg.text}::jsonb`, type };
  const labels = scope.enumLabels(enumKey(type));
  if (labels) {
    if (!labels.includes(value)) needsDatabase(`'${value}' is not a label of ${type}`);
    scope.noteType?.(enumKey(type));
    return { text: `${arg.text}::${type}`, type };
  }
  return needsDatabase(`a string literal of type ${type}`);
}

/** `public.mood` as format_type prints it → the model key (unquoted). */
export function enumKey(type: string): string {
  return type.replace(/"((?:[^"]|"")*)"/g, (_, inner: string) => inner.replace(/""/g, '"'));
}

/** A value assigned to a column of `target`: implicit and assignment casts do not show at the top. */
function coerceHidden(value: Typed, target: string, scope: ExpressionScope): Typed {
  if (value.constant === 'unknown') {
    const base = target.replace(/\(\d+\)$/, '');
    if (base !== 'character varying' && /\(/.test(target)) needsDatabase('a literal for a type with a modifier');
    return literalOf(value, base, scope);
  }
  if (value.type === target) return value;
  if (numericFamily(value.type) && numericFamily(target)) return value;
  if (value.type === 'boolean' && target === 'boolean') return value;
  if (TIME_RESULT[value.text] && TIME_TARGETS.has(target.replace(/\(\d+\)/, ''))) return value;
  if ((value.type === 'text' || value.type === 'character varying') && (target === 'text' || /^character varying/.test(target))) return value;
  return needsDatabase(`a ${value.type} default for a ${target} column`);
}

function numericFamily(type: string): boolean {
  return INTEGERS.has(type) || /^numeric(\(|$)/.test(type) || type === 'double precision';
}

const TIME_TARGETS = new Set(['timestamp with time zone', 'timestamp without time zone', 'date', 'time without time zone', 'time with time zone']);
const TIME_RESULT: Record<string, string> = {
  'now()': 'timestamp with time zone',
  CURRENT_TIMESTAMP: 'timestamp with time zone',
  CURRENT_DATE: 'date',
  LOCALTIMESTAMP: 'timestamp without time zone',
  'clock_timestamp()': 'timestamp with time zone',
  'statement_timestamp()': 'timestamp with time zone',
  'transaction_timestamp()': 'timestamp with time zone',
};

/** Built-in functions with fixed result types, called without arguments. */
const NULLARY: Record<string, string> = {
  now: 'timestamp with time zone',
  clock_timestamp: 'timestamp with time zone',
  statement_timestamp: 'timestamp with time zone',
  transaction_timestamp: 'timestamp with time zone',
  gen_random_uuid: 'uuid',
  random: 'double precision',
};

/** Built-in functions of one text argument. */
const OF_TEXT: Record<string, string> = { lower: 'text', upper: 'text', length: 'integer', char_length: 'integer', btrim: 'text' };

function functionCall(body: Node, scope: ExpressionScope): Typed {
  const names: string[] = (body.funcname ?? []).map((n: Node) => String(n.String?.sval));
  if (names.length > 1 && names[0] !== 'pg_catalog') needsDatabase(`function ${names.join('.')}`);
  if (body.agg_order || body.agg_filter || body.over || body.agg_star || body.agg_distinct || body.func_variadic) needsDatabase('an aggregate or window call');
  if (body.funcformat && body.funcformat !== 'COERCE_EXPLICIT_CALL') needsDatabase('a function called with SQL syntax');
  const name = names.at(-1) as string;
  const args: Node[] = body.args ?? [];
  if (args.length === 0 && NULLARY[name]) return { text: `${name}()`, type: NULLARY[name] as string };
  if (name === 'nextval' && args.length === 1) return nextval(args[0] as Node, scope);
  if (args.length === 1 && OF_TEXT[name]) {
    const arg = typed(args[0] as Node, scope);
    return { text: `${name}(${asText(arg, scope)})`, type: OF_TEXT[name] as string };
  }
  return needsDatabase(`function ${name}`);
}

/** `nextval('s')`: the name is read as regclass reads it, and printed schema-qualified. */
function nextval(arg: Node, scope: ExpressionScope): Typed {
  const literal = arg.TypeCast ? arg.TypeCast.arg : arg;
  const castTo = arg.TypeCast ? (arg.TypeCast.typeName.names as Node[]).map((n) => String(n.String?.sval)).join('.') : 'regclass';
  const text = literal?.A_Const?.sval?.sval;
  if (typeof text !== 'string' || (castTo !== 'regclass' && castTo !== 'pg_catalog.regclass') || /["\s]/.test(text)) needsDatabase('a nextval argument');
  const parts = text.toLowerCase().split('.');
  if (parts.length > 2 || parts.some((p) => p === '')) needsDatabase('a nextval argument');
  const key = scope.sequenceKey?.(parts.length === 2 ? parts[0] : undefined, parts.at(-1) as string) ?? needsDatabase(`sequence ${text} is not known here`);
  const regclass = quoteQualified(key).replace(/'/g, "''");
  return { text: `nextval('${regclass}'::regclass)`, type: 'bigint' };
}

/** An argument passed where text is expected: varchar shows its cast, literals become text constants. */
function asText(arg: Typed, scope: ExpressionScope): string {
  if (arg.constant === 'unknown') return literalOf(arg, 'text', scope).text;
  if (arg.type === 'text') return arg.text;
  if (/^character varying/.test(arg.type)) return `(${arg.text})::text`;
  return needsDatabase(`a ${arg.type} argument where text is expected`);
}

const SQL_VALUE_FUNCTIONS: Record<string, [string, string]> = {
  SVFOP_CURRENT_DATE: ['CURRENT_DATE', 'date'],
  SVFOP_CURRENT_TIMESTAMP: ['CURRENT_TIMESTAMP', 'timestamp with time zone'],
  SVFOP_LOCALTIMESTAMP: ['LOCALTIMESTAMP', 'timestamp without time zone'],
};

function sqlValueFunction(body: Node): Typed {
  const known = SQL_VALUE_FUNCTIONS[String(body.op)];
  if (!known) needsDatabase(`SQL value function ${body.op}`);
  return { text: known[0], type: known[1] };
}

function operatorExpression(body: Node, scope: ExpressionScope): Typed {
  const names: Node[] = body.name ?? [];
  const op = names.length === 1 ? String(names[0]?.String?.sval) : '';
  switch (body.kind) {
    case 'AEXPR_OP':
      if (!body.lexpr) needsDatabase('a prefix operator');
      if (ARITHMETIC.has(op)) return arithmetic(op, typed(body.lexpr, scope), typed(body.rexpr, scope));
      if (op === '||') return concatenation(typed(body.lexpr, scope), typed(body.rexpr, scope), scope);
      return comparison(op, typed(body.lexpr, scope), typed(body.rexpr, scope), scope);
    case 'AEXPR_IN':
      return inList(op, body.lexpr, listItems(body.rexpr), scope);
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL': {
      // `x = ANY (ARRAY[…])` is what `x IN (…)` becomes; `<> ALL` what `NOT IN` becomes.
      const elements = body.rexpr?.A_ArrayExpr?.elements as Node[] | undefined;
      const matches = (body.kind === 'AEXPR_OP_ANY' && op === '=') || (body.kind === 'AEXPR_OP_ALL' && op === '<>');
      if (!elements || elements.length < 2 || !matches) needsDatabase(`${body.kind} other than = ANY / <> ALL of an ARRAY[…] list`);
      return inList(op, body.lexpr, elements, scope);
    }
    case 'AEXPR_BETWEEN': {
      const [low, high] = listItems(body.rexpr);
      const left = typed(body.lexpr, scope);
      return { text: `(${comparison('>=', left, typed(low as Node, scope), scope).text} AND ${comparison('<=', left, typed(high as Node, scope), scope).text})`, type: 'boolean' };
    }
    default:
      return needsDatabase(`operator expression ${body.kind}`);
  }
}

function listItems(node: Node): Node[] {
  return node?.List?.items ?? needsDatabase('an operand list');
}

/** `a op b` after PostgreSQL picks the operator: both sides shown with the casts it inserts. */
function comparison(op: string, left: Typed, right: Typed, scope: ExpressionScope): Typed {
  const symbol = COMPARISONS[op];
  if (!symbol) needsDatabase(`operator ${op}`);
  const [l, r] = unify(left, right, scope);
  return { text: `(${l} ${symbol} ${r})`, type: 'boolean' };
}

const ARITHMETIC = new Set(['+', '-', '*']);

/** Integer arithmetic keeps the wider integer type; with numeric or double precision both sides are cast up. */
function arithmetic(op: string, left: Typed, right: Typed): Typed {
  if (INTEGERS.has(left.type) && INTEGERS.has(right.type)) {
    const order = ['smallint', 'integer', 'bigint'];
    const type = order[Math.max(order.indexOf(left.type), order.indexOf(right.type))] as string;
    // smallint with integer resolves to an integer operator with the smallint side cast.
    if (left.type !== right.type && type !== 'bigint') needsDatabase('mixed smallint arithmetic');
    if (left.type !== right.type) needsDatabase('mixed integer arithmetic');
    return { text: `(${left.text} ${op} ${right.text})`, type };
  }
  const common = commonNumeric(left.type, right.type);
  if (!common) needsDatabase(`arithmetic on ${left.type} and ${right.type}`);
  return { text: `(${shown(left, common)} ${op} ${shown(right, common)})`, type: common };
}

/** text || text; a literal operand becomes a text constant. */
function concatenation(left: Typed, right: Typed, scope: ExpressionScope): Typed {
  return { text: `(${asText(left, scope)} || ${asText(right, scope)})`, type: 'text' };
}

/** The two operands as printed once their common type is settled. */
function unify(left: Typed, right: Typed, scope: ExpressionScope): [string, string] {
  if (left.constant === 'unknown' && right.constant === 'unknown') needsDatabase('two untyped literals');
  // varchar has no operators of its own: it is compared as text.
  const operandType = (t: string) => (isVarchar(t) ? 'text' : t);
  if (right.constant === 'unknown') return [shown(left, operandType(left.type)), literalFor(right, left.type, scope)];
  if (left.constant === 'unknown') return [literalFor(left, right.type, scope), shown(right, operandType(right.type))];
  if (INTEGERS.has(left.type) && INTEGERS.has(right.type)) return [left.text, right.text];
  if (left.type === right.type && !isVarchar(left.type)) return [left.text, right.text];
  const common = commonNumeric(left.type, right.type) ?? (isTextLike(left.type) && isTextLike(right.type) ? 'text' : undefined);
  if (!common) return needsDatabase(`comparing ${left.type} with ${right.type}`);
  return [shown(left, common), shown(right, common)];
}

/** An operand converted to `type`; the implicit cast shows inside an operator. */
function shown(value: Typed, type: string): string {
  if (value.type === type) return value.text;
  if (type === 'text' && isVarchar(value.type)) return `(${value.text})::text`;
  if (type === value.type.replace(/\(.*\)$/, '') && /^numeric/.test(type)) return value.text;
  return `(${value.text})::${type}`;
}

function literalFor(literal: Typed, otherType: string, scope: ExpressionScope): string {
  const type = isVarchar(otherType) ? 'text' : otherType.replace(/^numeric\(.*\)$/, 'numeric');
  return literalOf(literal, type, scope).text;
}

function commonNumeric(a: string, b: string): string | undefined {
  const rank = (t: string) => (INTEGERS.has(t) ? 1 : /^numeric(\(|$)/.test(t) ? 2 : t === 'double precision' ? 3 : 0);
  const ra = rank(a);
  const rb = rank(b);
  if (ra === 0 || rb === 0) return undefined;
  return Math.max(ra, rb) === 3 ? 'double precision' : 'numeric';
}

function isVarchar(type: string): boolean {
  return /^character varying(\(\d+\))?$/.test(type);
}

function isTextLike(type: string): boolean {
  return type === 'text' || isVarchar(type);
}

/** `x IN (a, b)` → `(x = ANY (ARRAY[a, b]))`; one item is a plain comparison. */
function inList(op: string, lexpr: Node, list: readonly Node[], scope: ExpressionScope): Typed {
  const items = list.map((item) => typed(item, scope));
  const left = typed(lexpr, scope);
  if (items.length === 1) return comparison(op, left, items[0] as Typed, scope);
  if (op !== '=' && op !== '<>') needsDatabase(`IN with ${op}`);
  if (!items.every((i) => i.constant === 'unknown' || i.constant === 'int4')) needsDatabase('an IN list that is not all literals');
  const quantifier = op === '=' ? 'ANY' : 'ALL';
  if (items.every((i) => i.constant === 'int4')) {
    // Other integer widths make PostgreSQL cast the list or the column: left to the database.
    if (left.type !== 'integer') needsDatabase(`an IN list of integers on ${left.type}`);
    return { text: `(${left.text} ${op} ${quantifier} (ARRAY[${items.map((i) => i.text).join(', ')}]))`, type: 'boolean' };
  }
  if (!items.every((i) => i.constant === 'unknown')) needsDatabase('a mixed IN list');
  if (isVarchar(left.type)) {
    const array = `ARRAY[${items.map((i) => `${i.text}::character varying`).join(', ')}]`;
    return { text: `((${left.text})::text ${op} ${quantifier} ((${array})::text[]))`, type: 'boolean' };
  }
  const elementType = left.type === 'text' ? 'text' : scope.enumLabels(enumKey(left.type)) ? left.type : needsDatabase(`an IN list on ${left.type}`);
  const array = `ARRAY[${items.map((i) => literalOf(i, elementType, scope).text).join(', ')}]`;
  return { text: `(${left.text} ${op} ${quantifier} (${array}))`, type: 'boolean' };
}

function boolExpression(body: Node, scope: ExpressionScope): Typed {
  const args = (body.args as Node[]).map((a) => condition(typed(a, scope)));
  if (body.boolop === 'NOT_EXPR') return { text: `(NOT ${args[0]})`, type: 'boolean' };
  return { text: `(${args.join(body.boolop === 'AND_EXPR' ? ' AND ' : ' OR ')})`, type: 'boolean' };
}

function condition(value: Typed): string {
  if (value.type !== 'boolean') needsDatabase('a non-boolean operand of AND/OR/NOT');
  return value.text;
}

const BOOLEAN_TESTS: Record<string, string> = {
  IS_TRUE: 'IS TRUE',
  IS_NOT_TRUE: 'IS NOT TRUE',
  IS_FALSE: 'IS FALSE',
  IS_NOT_FALSE: 'IS NOT FALSE',
  IS_UNKNOWN: 'IS UNKNOWN',
  IS_NOT_UNKNOWN: 'IS NOT UNKNOWN',
};

function booleanTest(body: Node, scope: ExpressionScope): Typed {
  const arg = typed(body.arg, scope);
  if (arg.type !== 'boolean') needsDatabase('a boolean test of a non-boolean');
  return { text: `(${arg.text} ${BOOLEAN_TESTS[String(body.booltesttype)] ?? needsDatabase('a boolean test')})`, type: 'boolean' };
}

export function quoteText(text: string): string {
  // pg_get_expr writes E'' only for backslashes; leave those to the database.
  if (text.includes('\\')) needsDatabase('a string with a backslash');
  return quoteLiteral(text);
}
