/** Views that must be dropped and restored around a statement PostgreSQL refuses while they exist. */
import type { Schema, View } from '../../../core/model.js';
import { compareText } from '../../../core/model.js';
import { dropViewSql, restoreViewSql } from './objects.js';

/** Views depending, directly or through other views, on any of `seeds`; dependencies before dependents. */
export function dependentViews(schema: Schema, seeds: ReadonlySet<string>): View[] {
  const hit = new Set<string>();
  const affected = new Set(seeds);
  for (let grew = true; grew; ) {
    grew = false;
    for (const key of Object.keys(schema.views)) {
      if (hit.has(key) || !(schema.dependencies[`view:${key}`] ?? []).some((d) => affected.has(d))) continue;
      hit.add(key);
      affected.add(`view:${key}`);
      grew = true;
    }
  }
  const ordered: string[] = [];
  const visit = (key: string) => {
    if (ordered.includes(key) || !hit.has(key)) return;
    for (const d of schema.dependencies[`view:${key}`] ?? []) if (d.startsWith('view:')) visit(d.slice(5));
    ordered.push(key);
  };
  for (const key of [...hit].sort(compareText)) visit(key);
  return ordered.map((k) => schema.views[k] as View);
}

/** Wraps statements in the drop and restore of the views that depend on `seeds`. */
export function aroundDependentViews(schema: Schema, seeds: ReadonlySet<string>, sql: readonly string[]): string[] {
  const views = dependentViews(schema, seeds);
  return [...[...views].reverse().map(dropViewSql), ...sql, ...views.flatMap(restoreViewSql)];
}
