import type { Change, ObjectRef } from '../core/change.js';
import type { Grant } from '../core/model.js';
import { canonicalJson } from './walk.js';

/** Grants and revokes that turn one privilege list into another. */
export function diffGrants(target: ObjectRef, from: readonly Grant[] = [], to: readonly Grant[] = []): Change[] {
  const key = (g: Grant) => canonicalJson(g);
  const before = new Map(from.map((g) => [key(g), g]));
  const after = new Map(to.map((g) => [key(g), g]));
  const changes: Change[] = [];
  for (const [k, g] of before) if (!after.has(k)) changes.push({ kind: 'revoke', target, from: g });
  for (const [k, g] of after) if (!before.has(k)) changes.push({ kind: 'grant', target, to: g });
  return changes;
}

export function diffComment(target: ObjectRef, from: string | undefined, to: string | undefined): Change[] {
  return from === to ? [] : [{ kind: 'set_comment', target, from, to }];
}
