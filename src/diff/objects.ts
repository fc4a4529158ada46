/** Schemas, extensions, sequences, views and routines. */
import type { Change } from '../core/change.js';
import type { Schema, View } from '../core/model.js';
import { sameViewQuery } from '../dialects/postgres/view-equivalence.js';
import { diffComment, diffGrants } from './grants.js';
import { diffIndexes, diffTriggers } from './tables.js';
import { pairRecords, same, without } from './walk.js';

export function diffNamespaces(from: Schema, to: Schema): Change[] {
  const changes: Change[] = [];
  const { added, removed, both } = pairRecords(from.namespaces, to.namespaces);
  for (const [, n] of removed) changes.push({ kind: 'drop_schema', from: n });
  for (const [key, n] of added) {
    changes.push({ kind: 'create_schema', to: n }, ...diffComment({ type: 'schema', key }, undefined, n.comment));
    changes.push(...diffGrants({ type: 'schema', key }, [], n.grants));
  }
  for (const [key, a, b] of both) {
    changes.push(...diffComment({ type: 'schema', key }, a.comment, b.comment), ...diffGrants({ type: 'schema', key }, a.grants, b.grants));
  }
  return changes;
}

export function diffExtensions(from: Schema, to: Schema): Change[] {
  const changes: Change[] = [];
  const { added, removed, both } = pairRecords(from.extensions, to.extensions);
  for (const [, e] of removed) changes.push({ kind: 'drop_extension', from: e });
  for (const [, e] of added) changes.push({ kind: 'create_extension', to: e });
  for (const [, a, b] of both) {
    const versionChanged = a.version !== undefined && b.version !== undefined && a.version !== b.version;
    if (versionChanged || a.schema !== b.schema) changes.push({ kind: 'alter_extension', from: a, to: b });
  }
  return changes;
}

/** A collation cannot be altered: a different definition is a drop and a create. */
export function diffCollations(from: Schema, to: Schema): Change[] {
  const changes: Change[] = [];
  const { added, removed, both } = pairRecords(from.collations, to.collations);
  for (const [, c] of removed) changes.push({ kind: 'drop_collation', from: c });
  for (const [key, a, b] of both) {
    const recreate = !same(without(a, 'comment'), without(b, 'comment'));
    if (recreate) changes.push({ kind: 'drop_collation', from: a }, { kind: 'create_collation', to: b });
    changes.push(...diffComment({ type: 'collation', key }, recreate ? undefined : a.comment, b.comment));
  }
  for (const [key, c] of added) changes.push({ kind: 'create_collation', to: c }, ...diffComment({ type: 'collation', key }, undefined, c.comment));
  return changes;
}

export function diffSequences(from: Schema, to: Schema): Change[] {
  const changes: Change[] = [];
  const { added, removed, both } = pairRecords(from.sequences, to.sequences);
  for (const [, s] of removed) changes.push({ kind: 'drop_sequence', from: s });
  for (const [key, s] of added) {
    changes.push({ kind: 'create_sequence', to: s }, ...diffComment({ type: 'sequence', key }, undefined, s.comment));
    changes.push(...diffGrants({ type: 'sequence', key }, [], s.grants));
  }
  for (const [key, a, b] of both) {
    if (!same(without(a, 'comment', 'grants'), without(b, 'comment', 'grants'))) changes.push({ kind: 'alter_sequence', from: a, to: b });
    changes.push(...diffComment({ type: 'sequence', key }, a.comment, b.comment), ...diffGrants({ type: 'sequence', key }, a.grants, b.grants));
  }
  return changes;
}

export function diffViews(from: Schema, to: Schema): Change[] {
  const changes: Change[] = [];
  const { added, removed, both } = pairRecords(from.views, to.views);
  for (const [, v] of removed) changes.push({ kind: 'drop_view', from: v });
  for (const [key, v] of added) changes.push({ kind: 'create_view', to: v }, ...viewMembers(key, undefined, v));
  for (const [key, a, b] of both) {
    const body = (v: typeof a) => without(v, 'comment', 'grants', 'indexes', 'definition', 'triggers', 'columnComments');
    if (!same(body(a), body(b)) || !sameQuery(from.dialect, a.definition, b.definition)) {
      changes.push({ kind: 'replace_view', from: a, to: b });
      // A materialized view is recreated, so what hangs on it comes back with it.
      changes.push(...viewMembers(key, a.materialized || b.materialized ? undefined : a, b));
    } else {
      changes.push(...viewMembers(key, a, b));
    }
  }
  return changes;
}

/** Indexes, triggers, comments and grants of a view, against what it had (nothing, when new). */
function viewMembers(key: string, from: View | undefined, to: View): Change[] {
  const type = to.materialized ? 'materialized_view' : 'view';
  const columnComments = pairRecords(from?.columnComments ?? {}, to.columnComments ?? {});
  return [
    ...diffIndexes(key, 'view', from?.indexes ?? {}, to.indexes),
    ...diffTriggers(key, from?.triggers, to.triggers),
    ...diffComment({ type, key }, from?.comment, to.comment),
    ...[...columnComments.removed, ...columnComments.added, ...columnComments.both.map(([k, , b]) => [k, b] as [string, string])]
      .map(([column]) => column)
      .sort()
      .flatMap((column) => diffComment({ type: 'column', key, member: column }, from?.columnComments?.[column], to.columnComments?.[column])),
    ...diffGrants({ type, key }, from?.grants ?? [], to.grants),
  ];
}

/** PostgreSQL lets everyone execute a new function until told otherwise. */
const POSTGRES_ROUTINE_GRANTS = [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }];

function sameQuery(dialect: Schema['dialect'], a: string, b: string): boolean {
  return a === b || (dialect === 'postgres' && sameViewQuery(a, b));
}

export function diffRoutines(from: Schema, to: Schema): Change[] {
  const changes: Change[] = [];
  const { added, removed, both } = pairRecords(from.routines, to.routines);
  for (const [, r] of removed) changes.push({ kind: 'drop_routine', from: r });
  for (const [key, r] of added) {
    changes.push({ kind: 'create_routine', to: r }, ...diffComment({ type: r.kind, key }, undefined, r.comment));
    changes.push(...diffGrants({ type: r.kind, key }, from.dialect === 'postgres' ? POSTGRES_ROUTINE_GRANTS : [], r.grants));
  }
  for (const [key, a, b] of both) {
    if (a.definition !== b.definition || a.kind !== b.kind) changes.push({ kind: 'replace_routine', from: a, to: b });
    changes.push(...diffComment({ type: b.kind, key }, a.comment, b.comment), ...diffGrants({ type: b.kind, key }, a.grants, b.grants));
  }
  return changes;
}
