import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HAZARD_CODES } from '../../src/core/hazard.js';
import { renderAllRuleDocs, renderRuleDoc, ruleDocMarkdown } from '../../src/lint/docs.js';
import { RULES } from '../../src/lint/registry.js';
import type { Rule } from '../../src/lint/types.js';
import { findingsOf } from './helpers.js';

const ruleFiles = readdirSync(new URL('../../src/lint/rules/', import.meta.url)).map((name) => name.replace(/\.ts$/u, ''));
const testFiles = readdirSync(new URL('./rules/', import.meta.url)).map((name) => name.replace(/\.test\.ts$/u, ''));

function versionFor(rule: Rule): number {
  return rule.maxPgVersion ?? rule.minPgVersion ?? 15;
}

describe('rule registry', () => {
  it('lists every rule file once, sorted, with a kebab-case id equal to its file name', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([...ruleFiles].sort());
    for (const rule of RULES) expect(rule.id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/u);
  });

  it('has a test file for every rule', () => {
    expect([...testFiles].sort()).toEqual(RULES.map((rule) => rule.id));
  });

  it('maps every rule onto the hazard catalogue', () => {
    for (const rule of RULES) expect(HAZARD_CODES).toContain(rule.hazard);
  });
});

describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s documentation', (_id, rule) => {
  it('flags its bad example', () => {
    expect(findingsOf(rule.id, rule.doc.badExample, { pgVersion: versionFor(rule) }).length).toBeGreaterThan(0);
  });

  it('does not flag its good example', () => {
    expect(findingsOf(rule.id, rule.doc.goodExample, { pgVersion: versionFor(rule) })).toEqual([]);
  });
});

describe('markdown', () => {
  it('renders one rule with its examples, lock and hazard', () => {
    const rule = RULES.find((r) => r.id === 'require-concurrent-index-creation') as Rule;
    const page = renderRuleDoc(rule);
    expect(page).toMatch(/^# require-concurrent-index-creation\n/u);
    expect(page).toContain('| Lock taken | SHARE |');
    expect(page).toContain('`SHARE_LOCK`');
    expect(page).toContain(rule.doc.badExample);
    expect(page).toContain(rule.doc.goodExample);
    expect(ruleDocMarkdown('no-such-rule')).toBeUndefined();
    expect(ruleDocMarkdown(rule.id)).toBe(page);
  });

  it('renders all rules with an index', () => {
    const all = renderAllRuleDocs();
    for (const rule of RULES) {
      expect(all).toContain(`| [\`${rule.id}\`](#${rule.id}) |`);
      expect(all).toContain(`\n## ${rule.id}\n`);
    }
    expect(renderAllRuleDocs()).toBe(all);
  });
});
