/**
 * Several ALTER TABLE changes of one table become one statement: one table copy (or one metadata
 * change) instead of one per change. A table's changes merge into the place of the last of them;
 * foreign keys stay apart (they are ordered against other tables), and a rename of the table or of
 * one of its columns splits the merge, so names mean the same before and after it.
 */
import { hazard } from '../../../core/hazard.js';
import type { Step } from '../../../core/plan.js';
import type { RenderContext } from '../../../plan/dialect.js';
import { alterPiece, alterStatement, copyHazard, type AlterPiece } from './clauses.js';

interface Member {
  readonly index: number;
  readonly piece: AlterPiece;
}

export function mergeAlters(input: readonly Step[], ctx: RenderContext): Step[] {
  const created = new Set(input.flatMap((s) => (s.change?.kind === 'create_table' ? [s.change.to.name] : [])));
  const steps = input.filter((s) => !writtenWithTable(s, created));
  const groups = new Map<string, Member[]>();
  const segment = new Map<string, number>();
  steps.forEach((step, index) => {
    const change = step.change;
    if (!change) return;
    if (change.kind === 'rename_table') {
      for (const name of [change.from.name, change.to.name]) segment.set(name, (segment.get(name) ?? 0) + 1);
      return;
    }
    if (change.kind === 'rename_column') {
      segment.set(change.table, (segment.get(change.table) ?? 0) + 1);
      return;
    }
    const piece = alterPiece(change, ctx);
    if (!piece || piece.alone || piece.forward.length === 0) return;
    const key = `${piece.table}\u0000${segment.get(piece.table) ?? 0}`;
    groups.set(key, [...(groups.get(key) ?? []), { index, piece }]);
  });
  const replaced = new Map<number, Step | null>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const last = members[members.length - 1] as Member;
    replaced.set(last.index, mergedStep(members.map((m) => ({ step: steps[m.index] as Step, piece: m.piece }))));
    for (const m of members.slice(0, -1)) replaced.set(m.index, null);
  }
  const out: Step[] = [];
  steps.forEach((step, index) => {
    const r = replaced.get(index);
    if (r === null) return;
    out.push({ ...(r ?? step), transactional: false });
  });
  return out;
}

/** Indexes and comments of a new table are in its CREATE TABLE. */
function writtenWithTable(step: Step, created: ReadonlySet<string>): boolean {
  const c = step.change;
  if (c?.kind === 'add_index') return created.has(c.table);
  if (c?.kind === 'set_comment') return (c.target.type === 'table' || c.target.type === 'column') && created.has(c.target.key);
  return false;
}

function mergedStep(members: readonly { step: Step; piece: AlterPiece }[]): Step {
  const table = (members[0] as { piece: AlterPiece }).piece.table;
  const forward = alterStatement(table, dedupe(members.flatMap((m) => m.piece.forward)));
  const reverse = alterStatement(table, dedupe(members.flatMap((m) => m.piece.reverse)));
  const lossy = members.flatMap((m) => (m.piece.lossy ? [m.piece.lossy] : []));
  const hazards = members.flatMap((m) => m.piece.hazards.filter((h) => h.code !== 'TABLE_REWRITE'));
  const first = members[0]?.step as Step;
  return {
    ...first,
    sql: [forward.sql],
    reverse: { kind: 'sql', sql: [reverse.sql], ...(lossy.length ? { lossy: lossy.join('; ') } : {}) },
    hazards: [...hazards, ...copyHazard(table, forward.copies), hazard('NOT_TRANSACTIONAL', `${members.length} changes of ${table} in one ALTER TABLE statement`, undefined, 'info')],
    description: members.map((m) => m.step.description).join('; '),
    transactional: false,
  };
}

/** A comment change and a type change of one column are one MODIFY: keep the fuller one. */
function dedupe<T extends { sql: string }>(clauses: readonly T[]): T[] {
  const byColumn = new Map<string, T>();
  const out: T[] = [];
  for (const c of clauses) {
    const column = /^MODIFY COLUMN (`(?:[^`]|``)*`)/.exec(c.sql)?.[1];
    if (!column) {
      out.push(c);
      continue;
    }
    const seen = byColumn.get(column);
    if (!seen) {
      byColumn.set(column, c);
      out.push(c);
    } else if ((seen as { algorithm?: string }).algorithm === 'INSTANT') {
      out[out.indexOf(seen)] = c;
      byColumn.set(column, c);
    }
  }
  return out;
}
