import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/mcp/front-matter.js';
import { loadPrompts, parsePrompt, renderPrompt } from '../../src/mcp/prompts.js';
import { ROOT } from './helpers.js';

const prompts = loadPrompts(join(ROOT, 'prompts'));
const byName = (name: string) => prompts.find((p) => p.name === name)!;

describe('prompt templates in prompts/', () => {
  it('cover every usage of the skill, each with a title, description and described arguments', () => {
    expect(prompts.map((p) => p.name)).toEqual(['data-migration', 'describe-a-change', 'from-diff', 'rollback', 'zero-downtime']);
    for (const prompt of prompts) {
      expect(prompt.title.length).toBeGreaterThan(5);
      expect(prompt.description.length).toBeGreaterThan(20);
      for (const arg of prompt.arguments) expect(arg.description.length).toBeGreaterThan(10);
    }
    expect(byName('describe-a-change').arguments.filter((a) => a.required).map((a) => a.name)).toEqual(['change']);
    expect(byName('from-diff').arguments.every((a) => !a.required)).toBe(true);
  });

  it('leave no placeholder behind, with or without the optional arguments', () => {
    for (const prompt of prompts) {
      const all = Object.fromEntries(prompt.arguments.map((a) => [a.name, `value-of-${a.name}`]));
      const required = Object.fromEntries(prompt.arguments.filter((a) => a.required).map((a) => [a.name, `value-of-${a.name}`]));
      for (const values of [all, required]) {
        const text = renderPrompt(prompt, values);
        expect(text, prompt.name).not.toMatch(/\{\{|\}\}/);
        for (const [name, value] of Object.entries(values)) expect(text, `${prompt.name} uses ${name}`).toContain(value);
      }
    }
  });

  it('name only tools the server has or plans, and point at detect-changes', () => {
    const known = new Set(['detect-changes', 'generate-migration', 'lint-migration', 'validate-migration', 'rollback', 'zero-downtime-plan']);
    for (const prompt of prompts) {
      const tools = [...prompt.template.matchAll(/\*\*`([a-z-]+)`\*\*/g)].map((m) => m[1]!);
      expect(tools, prompt.name).toContain('detect-changes');
      for (const tool of tools) expect(known.has(tool), `${prompt.name}: ${tool}`).toBe(true);
    }
  });

  it('keeps {{#arg}} sections only when the argument is given and {{^arg}} only when it is not', () => {
    const withSchema = renderPrompt(byName('from-diff'), { from: 'postgres://db', to: 'schema.sql' });
    expect(withSchema).toContain('Current schema: `postgres://db`.');
    expect(withSchema).not.toContain('Current schema: not given');
    const without = renderPrompt(byName('from-diff'), { from: '  ' });
    expect(without).toContain('Current schema: not given');
  });
});

describe('prompt parsing', () => {
  const template = ['---', 'name: sample', 'title: "A sample: quoted"', 'description: Sample prompt for tests', 'arguments:', '  - name: thing', '    description: The thing to use', '    required: true', '  - name: extra', '    description: Optional extra', '---', 'Use {{thing}}.{{#extra}} Also {{extra}}.{{/extra}}{{^extra}} No extra.{{/extra}}', ''].join('\n');

  it('reads scalars, quoted values and the argument list', () => {
    const prompt = parsePrompt(template, 'sample.md');
    expect(prompt).toMatchObject({ name: 'sample', title: 'A sample: quoted', arguments: [{ name: 'thing', required: true }, { name: 'extra', required: false }] });
    expect(renderPrompt(prompt, { thing: 'X' })).toBe('Use X. No extra.');
    expect(renderPrompt(prompt, { thing: 'X', extra: 'Y' })).toBe('Use X. Also Y.');
  });

  it('refuses templates that would serve broken prompts, naming the file and line', () => {
    expect(() => parsePrompt('no front matter', 'a.md')).toThrow(/a\.md: no front matter/);
    expect(() => parsePrompt(template.replace('{{thing}}', '{{thnig}}'), 'b.md')).toThrow(/b\.md: \{\{thnig\}\} is not a declared argument/);
    expect(() => parsePrompt(template.replace('name: sample', 'name: Sample Prompt'), 'c.md')).toThrow(/not kebab-case/);
    expect(() => parsePrompt(template.replace('title: "A sample: quoted"\n', ''), 'd.md')).toThrow(/needs "title"/);
    expect(() => parseFrontMatter('---\nname: x\n  stray: y\n---\n', 'e.md')).toThrow(/e\.md:3: indented line outside a list item/);
  });
});
