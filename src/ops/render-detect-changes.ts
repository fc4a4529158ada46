/** Human text for a detect-changes result. */
import type { DetectChangesOutput } from './detect-changes.js';

export function renderDetectChanges(result: DetectChangesOutput): string {
  const lines: string[] = [];
  const { summary } = result;
  if (result.changes.length === 0) lines.push('No changes: the schemas are equal.');
  else lines.push(`${result.changes.length} changes: ${summary.added} added, ${summary.removed} removed, ${summary.changed} changed, ${summary.dataLoss} can lose data.`);
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push('', `${title}:`, ...items.map((item) => `  ${item}`));
  };
  const by = (test: (kind: string) => boolean) => result.changes.filter((c) => test(c.kind)).map((c) => `${c.dataLoss ? '! ' : ''}${c.summary}`);
  section('Added', by((k) => k.startsWith('create_') || k.startsWith('add_') || k === 'grant'));
  section('Removed', by((k) => k.startsWith('drop_') || k === 'revoke'));
  section('Changed', by((k) => !/^(create_|add_|drop_)/.test(k) && k !== 'grant' && k !== 'revoke'));
  section('Possibly renamed (confirm with --rename)', result.possibleRenames.map((r) => `${r.from} → ${r.to} (confidence ${r.confidence}: ${r.evidence.join('; ')}) --rename ${r.hint}`));
  section('Can lose data', result.changes.filter((c) => c.dataLoss).map((c) => c.summary));
  section('Not represented (reported, not compared)', result.unsupported.map((u) => `${u.side}: ${u.detail}`));
  if (result.diagram) lines.push('', '```mermaid', result.diagram.trimEnd(), '```');
  return `${lines.join('\n')}\n`;
}

