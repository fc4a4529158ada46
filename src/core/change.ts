/**
 * The diff's output: a closed union on `kind`. Every change names the object it concerns and carries
 * the before (`from`) and after (`to`) state a reviewer, the planner and the emitters need.
 */
import type {
  Collation,
  Column,
  CompositeType,
  Constraint,
  DomainType,
  EnumType,
  Extension,
  Grant,
  Index,
  Namespace,
  Policy,
  Routine,
  Sequence,
  Table,
  Trigger,
  View,
} from './model.js';

/** What a comment or a grant is attached to. */
export interface ObjectRef {
  readonly type:
    | 'schema'
    | 'extension'
    | 'collation'
    | 'table'
    | 'column'
    | 'constraint'
    | 'index'
    | 'view'
    | 'materialized_view'
    | 'sequence'
    | 'type'
    | 'domain'
    | 'function'
    | 'procedure'
    | 'aggregate'
    | 'trigger';
  /** Qualified key of the object (`schema.name`, routines with their args). */
  readonly key: string;
  /** Sub-object: a column, constraint, index or trigger name on `key`. */
  readonly member?: string;
}

export type ColumnAspect = 'type' | 'notNull' | 'default' | 'identity' | 'generated' | 'collation';

export type Change =
  | { readonly kind: 'create_schema'; readonly to: Namespace }
  | { readonly kind: 'drop_schema'; readonly from: Namespace }
  | { readonly kind: 'create_extension'; readonly to: Extension }
  | { readonly kind: 'drop_extension'; readonly from: Extension }
  | { readonly kind: 'alter_extension'; readonly from: Extension; readonly to: Extension }
  | { readonly kind: 'create_collation'; readonly to: Collation }
  | { readonly kind: 'drop_collation'; readonly from: Collation }
  | { readonly kind: 'create_enum'; readonly to: EnumType }
  | { readonly kind: 'drop_enum'; readonly from: EnumType }
  | { readonly kind: 'add_enum_value'; readonly type: string; readonly value: string; readonly before?: string; readonly after?: string }
  | { readonly kind: 'rename_enum_value'; readonly type: string; readonly from: string; readonly to: string }
  /** Values removed or reordered: PostgreSQL can only do this by recreating the type. */
  | { readonly kind: 'recreate_enum'; readonly from: EnumType; readonly to: EnumType; readonly removed: readonly string[] }
  | { readonly kind: 'create_domain'; readonly to: DomainType }
  | { readonly kind: 'drop_domain'; readonly from: DomainType }
  | { readonly kind: 'alter_domain'; readonly from: DomainType; readonly to: DomainType }
  | { readonly kind: 'create_composite_type'; readonly to: CompositeType }
  | { readonly kind: 'drop_composite_type'; readonly from: CompositeType }
  | { readonly kind: 'alter_composite_type'; readonly from: CompositeType; readonly to: CompositeType }
  | { readonly kind: 'create_sequence'; readonly to: Sequence }
  | { readonly kind: 'drop_sequence'; readonly from: Sequence }
  | { readonly kind: 'alter_sequence'; readonly from: Sequence; readonly to: Sequence }
  | { readonly kind: 'create_table'; readonly to: Table }
  | { readonly kind: 'drop_table'; readonly from: Table }
  | { readonly kind: 'rename_table'; readonly from: Table; readonly to: Table }
  | { readonly kind: 'alter_table'; readonly table: string; readonly from: Table; readonly to: Table; readonly aspects: readonly TableAspect[] }
  | { readonly kind: 'add_column'; readonly table: string; readonly to: Column; readonly position: number }
  | { readonly kind: 'drop_column'; readonly table: string; readonly from: Column }
  | { readonly kind: 'rename_column'; readonly table: string; readonly from: Column; readonly to: Column }
  | {
      readonly kind: 'alter_column';
      readonly table: string;
      readonly from: Column;
      readonly to: Column;
      readonly aspects: readonly ColumnAspect[];
    }
  | { readonly kind: 'add_constraint'; readonly table: string; readonly to: Constraint }
  | { readonly kind: 'drop_constraint'; readonly table: string; readonly from: Constraint }
  | { readonly kind: 'validate_constraint'; readonly table: string; readonly from: Constraint; readonly to: Constraint }
  | { readonly kind: 'add_index'; readonly table: string; readonly to: Index }
  | { readonly kind: 'drop_index'; readonly table: string; readonly from: Index }
  | { readonly kind: 'create_view'; readonly to: View }
  | { readonly kind: 'drop_view'; readonly from: View }
  | { readonly kind: 'replace_view'; readonly from: View; readonly to: View }
  | { readonly kind: 'create_routine'; readonly to: Routine }
  | { readonly kind: 'drop_routine'; readonly from: Routine }
  | { readonly kind: 'replace_routine'; readonly from: Routine; readonly to: Routine }
  | { readonly kind: 'create_trigger'; readonly table: string; readonly to: Trigger }
  | { readonly kind: 'drop_trigger'; readonly table: string; readonly from: Trigger }
  | { readonly kind: 'create_policy'; readonly table: string; readonly to: Policy }
  | { readonly kind: 'drop_policy'; readonly table: string; readonly from: Policy }
  | { readonly kind: 'alter_policy'; readonly table: string; readonly from: Policy; readonly to: Policy }
  | { readonly kind: 'set_comment'; readonly target: ObjectRef; readonly from?: string; readonly to?: string }
  | { readonly kind: 'grant'; readonly target: ObjectRef; readonly to: Grant }
  | { readonly kind: 'revoke'; readonly target: ObjectRef; readonly from: Grant };

export type TableAspect = 'rowSecurity' | 'forceRowSecurity' | 'unlogged' | 'options' | 'partitionBound' | 'inherits' | 'extra';

export type ChangeKind = Change['kind'];
export type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;

/** A drop + add that looks like a rename; reported, never applied without a hint. */
export interface PossibleRename {
  readonly kind: 'table' | 'column';
  readonly table?: string;
  readonly from: string;
  readonly to: string;
  readonly confidence: number;
  readonly evidence: readonly string[];
  /** The hint that confirms it: `--rename from=to`. */
  readonly hint: string;
}

/** Caller-confirmed renames: `users.fullname -> users.full_name`, `old_table -> new_table`. */
export interface RenameHint {
  readonly from: string;
  readonly to: string;
}
