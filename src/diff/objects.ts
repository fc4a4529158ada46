/** Schemas, extensions, sequences, views and routines. */
import type { Change } from '../core/change.js';
import type { Schema } from '../core/model.js';
import { sameViewQuery } from '../dialects/postgres/view-equivalence.js';
import { diffComment, diffGrants } from './grants.js';
import { diffIndexes } from './tables.js';
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
  for (const [key, v] of added) {
    const type = v.materialized ? 'materialized_view' : 'view';
    changes.push({ kind: 'create_view', to: v }, ...diffIndexes(key, 'view', {}, v.indexes));
    changes.push(...diffComment({ type, key }, undefined, v.comment), ...diffGrants({ type, key }, [], v.grants));
  }
  for (const [key, a, b] of both) {
    const type = b.materialized ? 'materialized_view' : 'view';
    const body = (v: typeof a) => without(v, 'comment', 'grants', 'indexes', 'definition');
    if (!same(body(a), body(b)) || !sameQuery(from.dialect, a.definition, b.definition)) {
      changes.push({ kind: 'replace_view', from: a, to: b });
      // A materialized view is recreated, so its indexes, comment and grants come back with it.
      if (a.materialized || b.materialized) {
        changes.push(...diffIndexes(key, 'view', {}, b.indexes));
        changes.push(...diffComment({ type, key }, undefined, b.comment), ...diffGrants({ type, key }, [], b.grants));
        continue;
      }
    } else {
      changes.push(...diffIndexes(key, 'view', a.indexes, b.indexes));
    }
    changes.push(...diffComment({ type, key }, a.comment, b.comment), ...diffGrants({ type, key }, a.grants, b.grants));
  }
  return changes;
}

/** PostgreSQL lets everyone execute a new function until told otherwise. */
const DEFAULT_ROUTINE_GRANTS = [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }];

function sameQuery(dialect: Schema['dialect'], a: string, b: string): boolean {
  return a === b || (dialect === 'postgres' && sameViewQuery(a, b));
}

export function diffRoutines(from: Schema, to: Schema): Change[] {
  const changes: Change[] = [];
  const { added, removed, both } = pairRecords(from.routines, to.routines);
  for (const [, r] of removed) changes.push({ kind: 'drop_routine', from: r });
  for (const [key, r] of added) {
    changes.push({ kind: 'create_routine', to: r }, ...diffComment({ type: r.kind, key }, undefined, r.comment));
    changes.push(...diffGrants({ type: r.kind, key }, DEFAULT_ROUTINE_GRANTS, r.grants));
  }
  for (const [key, a, b] of both) {
    if (a.definition !== b.definition || a.kind !== b.kind) changes.push({ kind: 'replace_routine', from: a, to: b });
    changes.push(...diffComment({ type: b.kind, key }, a.comment, b.comment), ...diffGrants({ type: b.kind, key }, a.grants, b.grants));
  }
  return changes;
}
