/** Enums, domains and composite types. */
import type { Change } from '../core/change.js';
import type { EnumType, Schema } from '../core/model.js';
import { qualify } from '../core/model.js';
import { diffComment } from './grants.js';
import { pairRecords, same, without } from './walk.js';

export function diffTypes(from: Schema, to: Schema): Change[] {
  const changes: Change[] = [];
  const enums = pairRecords(from.enums, to.enums);
  for (const [, e] of enums.removed) changes.push({ kind: 'drop_enum', from: e });
  for (const [key, a, b] of enums.both) {
    changes.push(...diffEnum(a, b));
    changes.push(...diffComment({ type: 'type', key }, a.comment, b.comment));
  }
  for (const [key, e] of enums.added) changes.push({ kind: 'create_enum', to: e }, ...diffComment({ type: 'type', key }, undefined, e.comment));

  const domains = pairRecords(from.domains, to.domains);
  for (const [, d] of domains.removed) changes.push({ kind: 'drop_domain', from: d });
  for (const [key, a, b] of domains.both) {
    if (!same(without(a, 'comment'), without(b, 'comment'))) changes.push({ kind: 'alter_domain', from: a, to: b });
    changes.push(...diffComment({ type: 'domain', key }, a.comment, b.comment));
  }
  for (const [key, d] of domains.added) changes.push({ kind: 'create_domain', to: d }, ...diffComment({ type: 'domain', key }, undefined, d.comment));

  const composites = pairRecords(from.compositeTypes, to.compositeTypes);
  for (const [, c] of composites.removed) changes.push({ kind: 'drop_composite_type', from: c });
  for (const [key, a, b] of composites.both) {
    if (!same(a.attributes, b.attributes)) changes.push({ kind: 'alter_composite_type', from: a, to: b });
    changes.push(...diffComment({ type: 'type', key }, a.comment, b.comment));
  }
  for (const [key, c] of composites.added) {
    changes.push({ kind: 'create_composite_type', to: c }, ...diffComment({ type: 'type', key }, undefined, c.comment));
  }
  return changes;
}

/**
 * New labels inserted anywhere are `ADD VALUE ... BEFORE/AFTER`; a removed or reordered label
 * needs the type recreated, and rows holding a removed label cannot keep it.
 */
export function diffEnum(from: EnumType, to: EnumType): Change[] {
  if (same(from.labels, to.labels)) return [];
  const key = qualify(from.schema, from.name);
  const kept = to.labels.filter((label) => from.labels.includes(label));
  const removed = from.labels.filter((label) => !to.labels.includes(label));
  if (removed.length > 0 || !same(kept, from.labels)) return [{ kind: 'recreate_enum', from, to, removed }];
  const changes: Change[] = [];
  to.labels.forEach((label, i) => {
    if (from.labels.includes(label)) return;
    const after = to.labels[i - 1];
    const before = to.labels.slice(i + 1).find((l) => from.labels.includes(l));
    // Anchor on an existing label so the order comes out right whatever was added before.
    if (before !== undefined) changes.push({ kind: 'add_enum_value', type: key, value: label, before });
    else changes.push({ kind: 'add_enum_value', type: key, value: label, after });
  });
  return changes;
}
