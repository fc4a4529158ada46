/** Drops and adds that look like renames: reported with a confidence and evidence, never applied. */
import type { Change, ChangeOf, PossibleRename } from '../core/change.js';
import type { Column, Table } from '../core/model.js';
import { qualify } from '../core/model.js';

const THRESHOLD = 0.5;

export function findPossibleRenames(changes: readonly Change[]): PossibleRename[] {
  return [...tableCandidates(changes), ...columnCandidates(changes)].sort((a, b) => b.confidence - a.confidence || a.hint.localeCompare(b.hint, 'en'));
}

function tableCandidates(changes: readonly Change[]): PossibleRename[] {
  const dropped = changes.filter((c): c is ChangeOf<'drop_table'> => c.kind === 'drop_table');
  const created = changes.filter((c): c is ChangeOf<'create_table'> => c.kind === 'create_table');
  const found: PossibleRename[] = [];
  for (const d of dropped) {
    const best = bestMatch(created.map((c) => c.to), (t) => tableScore(d.from, t));
    if (!best) continue;
    const from = qualify(d.from.schema, d.from.name);
    const to = qualify(best.item.schema, best.item.name);
    found.push({ kind: 'table', from, to, confidence: best.score, evidence: best.evidence, hint: `${from}=${to}` });
  }
  return found;
}

function columnCandidates(changes: readonly Change[]): PossibleRename[] {
  const dropped = changes.filter((c): c is ChangeOf<'drop_column'> => c.kind === 'drop_column');
  const added = changes.filter((c): c is ChangeOf<'add_column'> => c.kind === 'add_column');
  const found: PossibleRename[] = [];
  for (const d of dropped) {
    const sameTable = added.filter((a) => a.table === d.table).map((a) => a.to);
    const best = bestMatch(sameTable, (c) => columnScore(d.from, c, changes, d.table));
    if (!best) continue;
    const from = `${d.table}.${d.from.name}`;
    const to = `${d.table}.${best.item.name}`;
    found.push({ kind: 'column', table: d.table, from, to, confidence: best.score, evidence: best.evidence, hint: `${from}=${to}` });
  }
  return found;
}

interface Scored<T> {
  readonly item: T;
  readonly score: number;
  readonly evidence: string[];
}

function bestMatch<T>(items: readonly T[], score: (item: T) => { score: number; evidence: string[] }): Scored<T> | undefined {
  let best: Scored<T> | undefined;
  for (const item of items) {
    const s = score(item);
    if (s.score >= THRESHOLD && (!best || s.score > best.score)) best = { item, ...s };
  }
  return best;
}

function columnScore(from: Column, to: Column, changes: readonly Change[], table: string) {
  const evidence: string[] = [];
  if (from.type !== to.type) return { score: 0, evidence };
  let score = 0.35;
  evidence.push(`same type ${to.type}`);
  if (from.notNull === to.notNull) {
    score += 0.1;
    evidence.push(to.notNull ? 'both NOT NULL' : 'both nullable');
  }
  if (from.default !== undefined && from.default === to.default) {
    score += 0.05;
    evidence.push('same default');
  }
  const similarity = nameSimilarity(from.name, to.name);
  score += 0.35 * similarity;
  evidence.push(`name similarity ${similarity.toFixed(2)}`);
  if (carriedOver(changes, table, from.name, to.name)) {
    score += 0.15;
    evidence.push('an index or constraint on it moves to the new column');
  }
  return { score: round(Math.min(score, 1)), evidence };
}

function tableScore(from: Table, to: Table) {
  const signature = (t: Table) => new Set(t.columns.map((c) => `${c.name}:${c.type}`));
  const a = signature(from);
  const b = signature(to);
  const shared = [...a].filter((s) => b.has(s)).length;
  const overlap = shared / Math.max(1, new Set([...a, ...b]).size);
  const similarity = nameSimilarity(from.name, to.name);
  const evidence = [`${shared} of ${Math.max(a.size, b.size)} columns identical`, `name similarity ${similarity.toFixed(2)}`];
  return { score: round(0.7 * overlap + 0.3 * similarity), evidence };
}

/** An index or constraint dropped on the old column and added, otherwise alike, on the new one. */
function carriedOver(changes: readonly Change[], table: string, oldName: string, newName: string): boolean {
  const shape = (text: string, column: string) => text.replace(new RegExp(`\\b${escapeRegExp(column)}\\b`, 'g'), '$COL').replace(/^\S+\s+\S+\s+/, '');
  const dropped = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'drop_index' && c.table === table && c.from.keys.includes(oldName)) dropped.add(shape(c.from.definition.replace(c.from.name, ''), oldName));
    if (c.kind === 'drop_constraint' && c.table === table && c.from.columns.includes(oldName)) dropped.add(shape(c.from.definition, oldName));
  }
  return changes.some(
    (c) =>
      (c.kind === 'add_index' && c.table === table && c.to.keys.includes(newName) && dropped.has(shape(c.to.definition.replace(c.to.name, ''), newName))) ||
      (c.kind === 'add_constraint' && c.table === table && c.to.columns.includes(newName) && dropped.has(shape(c.to.definition, newName))),
  );
}

/** 1 for equal names, 0 for nothing in common; separators and case do not count. */
export function nameSimilarity(a: string, b: string): number {
  const x = a.toLowerCase().replace(/[_\-\s]/g, '');
  const y = b.toLowerCase().replace(/[_\-\s]/g, '');
  if (x === y) return 1;
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 1 : 1 - levenshtein(x, y) / longest;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
