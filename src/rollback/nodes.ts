/** Small builders for the parse-tree nodes the inverters print. */

type Node = Record<string, any>;

export interface Inversion {
  readonly nodes?: readonly Node[];
  readonly irreversible?: string;
  readonly lossy?: string;
  readonly nonTransactional?: boolean;
  /** An assumption the down relies on, said to the user. */
  readonly note?: string;
}

const str = (sval: string) => ({ String: { sval } });

/** `schema.name` of a RangeVar as a name list. */
export function rangeVarName(relation: { schemaname?: string; relname: string }): Node[] {
  return relation.schemaname ? [str(relation.schemaname), str(relation.relname)] : [str(relation.relname)];
}

export function nameList(value: Node | Node[] | undefined): Node[] {
  if (Array.isArray(value)) return value;
  return (value as { List?: { items?: Node[] } } | undefined)?.List?.items ?? [];
}

export function dropNode(
  removeType: string,
  names: readonly (readonly Node[])[],
  options: { typeNames?: boolean; bareNames?: boolean; concurrent?: boolean } = {},
): Node {
  const objects = names.map((parts) => {
    if (options.typeNames) return { TypeName: { names: parts, typemod: -1 } };
    if (options.bareNames) return parts[0];
    return { List: { items: parts } };
  });
  return { DropStmt: { objects, removeType, behavior: 'DROP_RESTRICT', ...(options.concurrent ? { concurrent: true } : {}) } };
}

/** DROP FUNCTION takes the input argument types only (OUT parameters are not part of the identity). */
export function objectWithArgs(create: { funcname: Node[]; parameters?: { FunctionParameter: { argType: Node; mode: string } }[] }): Node {
  const inputs = (create.parameters ?? [])
    .map((p) => p.FunctionParameter)
    .filter((p) => p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE');
  return {
    ObjectWithArgs: {
      objname: create.funcname,
      objargs: inputs.map((p) => ({ TypeName: p.argType })),
    },
  };
}

/**
 * The name PostgreSQL gives an unnamed index on plain columns (ChooseIndexName): table, columns,
 * then `idx`; undefined when a key is an expression (PostgreSQL's `expr` naming is best not guessed).
 */
export function defaultIndexName(index: { relation: { relname: string }; indexParams?: { IndexElem: { name?: string } }[] }): string | undefined {
  const columns = (index.indexParams ?? []).map((p) => p.IndexElem.name);
  if (columns.length === 0 || columns.some((c) => !c)) return undefined;
  return truncateIdentifier(`${index.relation.relname}_${columns.join('_')}_idx`);
}

/** The implicit name of a table constraint (ChooseConstraintName): table, columns, then a suffix. */
export function defaultConstraintName(table: string, columns: readonly string[], suffix: string): string {
  if (suffix === 'pkey') return truncateIdentifier(`${table}_pkey`);
  return truncateIdentifier(`${[table, ...columns].join('_')}_${suffix}`);
}

/** PostgreSQL keeps identifiers to 63 bytes. */
function truncateIdentifier(name: string): string {
  let out = name;
  while (Buffer.byteLength(out, 'utf8') > 63) out = out.slice(0, -1);
  return out;
}
