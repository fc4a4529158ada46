/** detect-changes: what differs between two schemas, what may be a rename, what can lose data. */
import type { z } from 'zod';
import type { Change, PossibleRename } from '../core/change.js';
import type { Schema, Unsupported } from '../core/model.js';
import { UserError } from '../core/errors.js';
import { losesData } from '../diff/data-loss.js';
import { describeChange } from '../diff/describe.js';
import { diffSchemas } from '../diff/diff.js';
import { loadSchemaPair } from '../sources/pair.js';
import { erDiagram } from './er-diagram.js';
import { throwIfCancelled, type OpContext, parseRenameHints, type Warning } from './common.js';
import { detectChangesInput, type DetectChangesInput, type DetectChangesOutput } from './schemas/detect-changes.js';

export { detectChangesInput, detectChangesOutput, type DetectChangesInput, type DetectChangesOutput } from './schemas/detect-changes.js';

export interface LoadedPair {
  readonly from: Schema;
  readonly to: Schema;
}


export async function loadPair(input: z.output<typeof detectChangesInput>, context: OpContext = {}): Promise<LoadedPair> {
  const options = { dialect: input.dialect, scratchUrl: input.scratchUrl, stdin: context.stdin };
  if (input.from === '-' && input.to === '-') throw new UserError('BAD_INPUT', 'only one of from and to can be read from stdin');
  const { from, to } = await loadSchemaPair(input.from, input.to, options);
  throwIfCancelled(context, 'loading the schemas');
  if (input.strict) refuseUnsupported(from, to);
  return { from, to };
}

export async function detectChanges(raw: DetectChangesInput, context: OpContext = {}): Promise<DetectChangesOutput> {
  const input = detectChangesInput.parse(raw);
  const { from, to } = await loadPair(input, context);
  const { changes, possibleRenames } = diffSchemas(from, to, { renames: parseRenameHints(input.renames) });
  const report = reportChanges(changes, possibleRenames, from, to);
  return input.diagram ? { ...report, diagram: erDiagram(report.changes.map((c) => c.object), from, to) } : report;
}

export function reportChanges(changes: readonly Change[], possibleRenames: readonly PossibleRename[], from: Schema, to: Schema): DetectChangesOutput {
  const rows = changes.map((change) => ({ ...describeChange(change), dataLoss: losesData(change), ...change }));
  const warnings: Warning[] = [
    ...rows.filter((r) => r.dataLoss).map((r) => ({ code: 'DATA_LOSS', severity: 'error' as const, message: `${r.summary}: existing data is lost`, object: r.object })),
    ...possibleRenames.map((r) => ({
      code: 'POSSIBLE_RENAME',
      severity: 'warning' as const,
      message: `${r.from} → ${r.to} looks like a rename (confidence ${r.confidence}); confirm it with the rename hint ${r.hint} to keep the data`,
      object: r.from,
    })),
    ...[...from.unsupported, ...to.unsupported].map((u) => ({ code: 'UNSUPPORTED_OBJECT', severity: 'warning' as const, message: u.detail, object: u.name })),
  ];
  const count = (prefixes: string[]) => rows.filter((r) => prefixes.some((p) => r.kind.startsWith(p))).length;
  return {
    changes: rows,
    possibleRenames: possibleRenames.map((r) => ({ ...r, evidence: [...r.evidence] })),
    warnings,
    unsupported: [...sideOf('from', from.unsupported), ...sideOf('to', to.unsupported)],
    summary: { added: count(['create_', 'add_', 'grant']), removed: count(['drop_', 'revoke']), changed: rows.length - count(['create_', 'add_', 'grant', 'drop_', 'revoke']), dataLoss: rows.filter((r) => r.dataLoss).length },
  };
}

function sideOf(side: 'from' | 'to', items: readonly Unsupported[]) {
  return items.map((u) => ({ ...u, side }));
}

function refuseUnsupported(from: Schema, to: Schema): void {
  const first = [...from.unsupported, ...to.unsupported][0];
  if (first) {
    throw new UserError('UNSUPPORTED', `strict mode: ${first.detail}`, { location: first.location, hint: 'drop --strict to report such objects and go on' });
  }
}
