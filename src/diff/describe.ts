/** One line a reviewer reads for each change, and the object it concerns. */
import type { Change, ChangeKind, ChangeOf, ObjectRef } from '../core/change.js';
import { qualify } from '../core/model.js';

type Describer<K extends ChangeKind> = (change: ChangeOf<K>) => { object: string; summary: string };

const q = qualify;
const ref = (target: ObjectRef) => (target.member ? `${target.key}.${target.member}` : target.key);

/** Exhaustive: a new change kind does not compile until it is described here. */
const DESCRIBE: { [K in ChangeKind]: Describer<K> } = {
  create_schema: (c) => ({ object: c.to.name, summary: `create schema ${c.to.name}` }),
  drop_schema: (c) => ({ object: c.from.name, summary: `drop schema ${c.from.name}` }),
  create_extension: (c) => ({ object: c.to.name, summary: `create extension ${c.to.name}` }),
  drop_extension: (c) => ({ object: c.from.name, summary: `drop extension ${c.from.name}` }),
  alter_extension: (c) => ({ object: c.to.name, summary: `update extension ${c.to.name} ${c.from.version ?? ''} → ${c.to.version ?? ''}`.replace(/\s+/g, ' ') }),
  create_collation: (c) => ({ object: q(c.to.schema, c.to.name), summary: `create collation ${q(c.to.schema, c.to.name)} (${c.to.provider})` }),
  drop_collation: (c) => ({ object: q(c.from.schema, c.from.name), summary: `drop collation ${q(c.from.schema, c.from.name)}` }),
  create_enum: (c) => ({ object: q(c.to.schema, c.to.name), summary: `create enum ${q(c.to.schema, c.to.name)} (${c.to.labels.join(', ')})` }),
  drop_enum: (c) => ({ object: q(c.from.schema, c.from.name), summary: `drop enum ${q(c.from.schema, c.from.name)}` }),
  add_enum_value: (c) => ({ object: c.type, summary: `add value '${c.value}' to enum ${c.type}` }),
  rename_enum_value: (c) => ({ object: c.type, summary: `rename value '${c.from}' to '${c.to}' in enum ${c.type}` }),
  recreate_enum: (c) => ({
    object: q(c.to.schema, c.to.name),
    summary: `recreate enum ${q(c.to.schema, c.to.name)} as (${c.to.labels.join(', ')})${c.removed.length ? `, removing ${c.removed.join(', ')}` : ''}`,
  }),
  create_domain: (c) => ({ object: q(c.to.schema, c.to.name), summary: `create domain ${q(c.to.schema, c.to.name)} as ${c.to.baseType}` }),
  drop_domain: (c) => ({ object: q(c.from.schema, c.from.name), summary: `drop domain ${q(c.from.schema, c.from.name)}` }),
  alter_domain: (c) => ({ object: q(c.to.schema, c.to.name), summary: `alter domain ${q(c.to.schema, c.to.name)}` }),
  create_composite_type: (c) => ({ object: q(c.to.schema, c.to.name), summary: `create type ${q(c.to.schema, c.to.name)}` }),
  drop_composite_type: (c) => ({ object: q(c.from.schema, c.from.name), summary: `drop type ${q(c.from.schema, c.from.name)}` }),
  alter_composite_type: (c) => ({ object: q(c.to.schema, c.to.name), summary: `alter type ${q(c.to.schema, c.to.name)}` }),
  create_sequence: (c) => ({ object: q(c.to.schema, c.to.name), summary: `create sequence ${q(c.to.schema, c.to.name)}` }),
  drop_sequence: (c) => ({ object: q(c.from.schema, c.from.name), summary: `drop sequence ${q(c.from.schema, c.from.name)}` }),
  alter_sequence: (c) => ({ object: q(c.to.schema, c.to.name), summary: `alter sequence ${q(c.to.schema, c.to.name)}` }),
  create_table: (c) => ({ object: q(c.to.schema, c.to.name), summary: `create table ${q(c.to.schema, c.to.name)} (${c.to.columns.length} columns)` }),
  drop_table: (c) => ({ object: q(c.from.schema, c.from.name), summary: `drop table ${q(c.from.schema, c.from.name)}` }),
  rename_table: (c) => ({ object: q(c.to.schema, c.to.name), summary: `rename table ${q(c.from.schema, c.from.name)} to ${c.to.name}` }),
  alter_table: (c) => ({ object: c.table, summary: `alter table ${c.table}: ${c.aspects.join(', ')}` }),
  add_column: (c) => ({ object: `${c.table}.${c.to.name}`, summary: `add column ${c.table}.${c.to.name} ${c.to.type}${c.to.notNull ? ' NOT NULL' : ''}` }),
  drop_column: (c) => ({ object: `${c.table}.${c.from.name}`, summary: `drop column ${c.table}.${c.from.name}` }),
  rename_column: (c) => ({ object: `${c.table}.${c.to.name}`, summary: `rename column ${c.table}.${c.from.name} to ${c.to.name}` }),
  alter_column: (c) => ({ object: `${c.table}.${c.to.name}`, summary: `alter column ${c.table}.${c.to.name}: ${columnAspects(c)}` }),
  add_constraint: (c) => ({ object: `${c.table}.${c.to.name}`, summary: `add constraint ${c.to.name} on ${c.table}: ${c.to.definition}` }),
  drop_constraint: (c) => ({ object: `${c.table}.${c.from.name}`, summary: `drop constraint ${c.from.name} on ${c.table}` }),
  validate_constraint: (c) => ({ object: `${c.table}.${c.to.name}`, summary: `validate constraint ${c.to.name} on ${c.table}` }),
  add_index: (c) => ({ object: `${c.table}.${c.to.name}`, summary: `create index ${c.to.name} on ${c.table}` }),
  drop_index: (c) => ({ object: `${c.table}.${c.from.name}`, summary: `drop index ${c.from.name} on ${c.table}` }),
  create_view: (c) => ({ object: q(c.to.schema, c.to.name), summary: `create ${c.to.materialized ? 'materialized ' : ''}view ${q(c.to.schema, c.to.name)}` }),
  drop_view: (c) => ({ object: q(c.from.schema, c.from.name), summary: `drop ${c.from.materialized ? 'materialized ' : ''}view ${q(c.from.schema, c.from.name)}` }),
  replace_view: (c) => ({ object: q(c.to.schema, c.to.name), summary: `change ${c.to.materialized ? 'materialized ' : ''}view ${q(c.to.schema, c.to.name)}` }),
  create_routine: (c) => ({ object: `${q(c.to.schema, c.to.name)}(${c.to.args})`, summary: `create ${c.to.kind} ${q(c.to.schema, c.to.name)}(${c.to.args})` }),
  drop_routine: (c) => ({ object: `${q(c.from.schema, c.from.name)}(${c.from.args})`, summary: `drop ${c.from.kind} ${q(c.from.schema, c.from.name)}(${c.from.args})` }),
  replace_routine: (c) => ({ object: `${q(c.to.schema, c.to.name)}(${c.to.args})`, summary: `change ${c.to.kind} ${q(c.to.schema, c.to.name)}(${c.to.args})` }),
  create_trigger: (c) => ({ object: `${c.table}.${c.to.name}`, summary: `create trigger ${c.to.name} on ${c.table}` }),
  drop_trigger: (c) => ({ object: `${c.table}.${c.from.name}`, summary: `drop trigger ${c.from.name} on ${c.table}` }),
  create_policy: (c) => ({ object: `${c.table}.${c.to.name}`, summary: `create policy ${c.to.name} on ${c.table}` }),
  drop_policy: (c) => ({ object: `${c.table}.${c.from.name}`, summary: `drop policy ${c.from.name} on ${c.table}` }),
  alter_policy: (c) => ({ object: `${c.table}.${c.to.name}`, summary: `alter policy ${c.to.name} on ${c.table}` }),
  set_comment: (c) => ({ object: ref(c.target), summary: c.to === undefined ? `remove comment on ${c.target.type} ${ref(c.target)}` : `comment on ${c.target.type} ${ref(c.target)}` }),
  grant: (c) => ({ object: ref(c.target), summary: `grant ${c.to.privilege} on ${c.target.type} ${ref(c.target)} to ${c.to.grantee}` }),
  revoke: (c) => ({ object: ref(c.target), summary: `revoke ${c.from.privilege} on ${c.target.type} ${ref(c.target)} from ${c.from.grantee}` }),
};

export function describeChange(change: Change): { object: string; summary: string } {
  return (DESCRIBE[change.kind] as Describer<ChangeKind>)(change as never);
}

function columnAspects(c: ChangeOf<'alter_column'>): string {
  return c.aspects
    .map((aspect) => {
      switch (aspect) {
        case 'type':
          return `type ${c.from.type} → ${c.to.type}`;
        case 'notNull':
          return c.to.notNull ? 'set NOT NULL' : 'drop NOT NULL';
        case 'default':
          return c.to.default === undefined ? 'drop default' : `default ${c.to.default}`;
        default:
          return aspect;
      }
    })
    .join(', ');
}
