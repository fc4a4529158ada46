import { RULES, findRule, ruleDocUri } from './registry.js';
import type { Rule } from './types.js';

export { ruleDocUri };

/** Markdown page for one rule: what goes wrong, the lock, a bad and a good example. */
export function renderRuleDoc(rule: Rule): string {
  const doc = rule.doc;
  return [
    `# ${rule.id}`,
    '',
    rule.summary,
    '',
    '| | |',
    '|---|---|',
    `| Hazard | \`${rule.hazard}\` |`,
    `| Default severity | ${rule.severity} |`,
    `| Lock taken | ${doc.lock === 'none' ? 'none' : doc.lock} |`,
    `| Rewrites the table | ${doc.rewrites ? 'yes' : 'no'} |`,
    `| Scans the table | ${doc.scans ? 'yes' : 'no'} |`,
    `| PostgreSQL versions | ${versionRange(rule)} |`,
    '',
    '## Problem',
    '',
    doc.problem,
    '',
    '## Flagged',
    '',
    '```sql',
    doc.badExample,
    '```',
    '',
    '## Instead',
    '',
    '```sql',
    doc.goodExample,
    '```',
    '',
    '## Silencing',
    '',
    `Put \`-- migration-generator-disable ${rule.id}\` on the line before the statement, ` +
      `\`-- migration-generator-disable-file ${rule.id}\` anywhere in the file, or pass \`disable: ['${rule.id}']\`.`,
    '',
  ].join('\n');
}

/** One page for every rule: an index table, then each rule's page with headings one level down. */
export function renderAllRuleDocs(): string {
  const index = RULES.map((rule) => `| [\`${rule.id}\`](#${rule.id}) | ${rule.severity} | \`${rule.hazard}\` | ${rule.summary.replace(/\|/gu, '\\|')} |`);
  const pages = RULES.map((rule) => renderRuleDoc(rule).replace(/^#/gmu, '##'));
  return ['# Lint rules', '', '| Rule | Severity | Hazard | Summary |', '|---|---|---|---|', ...index, '', ...pages].join('\n');
}

/** Markdown for a rule id, or undefined when there is no such rule. */
export function ruleDocMarkdown(id: string): string | undefined {
  const rule = findRule(id);
  return rule ? renderRuleDoc(rule) : undefined;
}

function versionRange(rule: Rule): string {
  if (rule.minPgVersion !== undefined && rule.maxPgVersion !== undefined) return `${rule.minPgVersion} to ${rule.maxPgVersion}`;
  if (rule.minPgVersion !== undefined) return `${rule.minPgVersion} and later`;
  if (rule.maxPgVersion !== undefined) return `up to ${rule.maxPgVersion}`;
  return 'all';
}
