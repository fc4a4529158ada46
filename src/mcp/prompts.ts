/**
 * Prompt templates: one Markdown file per usage in prompts/, front matter naming the prompt, its
 * description and arguments. Loaded once at start; served through prompts/list and prompts/get.
 *
 * Placeholders: `{{arg}}` is the argument's value; `{{#arg}}…{{/arg}}` is kept only when the
 * argument was given, `{{^arg}}…{{/arg}}` only when it was not.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseFrontMatter } from './front-matter.js';

export interface PromptArgument {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
}

export interface PromptTemplate {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly arguments: readonly PromptArgument[];
  readonly template: string;
  readonly file: string;
}

export function loadPrompts(folder: string): PromptTemplate[] {
  const files = readdirSync(folder).filter((name) => name.endsWith('.md')).sort();
  const prompts = files.map((name) => parsePrompt(readFileSync(join(folder, name), 'utf8'), join(folder, name)));
  const seen = new Set<string>();
  for (const prompt of prompts) {
    if (seen.has(prompt.name)) throw new Error(`${prompt.file}: a second prompt named ${prompt.name}`);
    seen.add(prompt.name);
  }
  return prompts;
}

export function parsePrompt(text: string, file: string): PromptTemplate {
  const { fields, lists, body } = parseFrontMatter(text, file);
  const need = (key: string) => {
    const value = fields[key];
    if (!value) throw new Error(`${file}: front matter needs "${key}"`);
    return value;
  };
  const name = need('name');
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`${file}: prompt name "${name}" is not kebab-case`);
  const args = (lists.arguments ?? []).map((arg) => {
    if (!arg.name || !arg.description) throw new Error(`${file}: every argument needs a name and a description`);
    return { name: arg.name, description: arg.description, required: arg.required === 'true' };
  });
  const declared = new Set(args.map((a) => a.name));
  for (const used of placeholders(body)) {
    if (!declared.has(used)) throw new Error(`${file}: {{${used}}} is not a declared argument`);
  }
  return { name, title: need('title'), description: need('description'), arguments: args, template: body.trim(), file };
}

export function renderPrompt(prompt: PromptTemplate, values: Readonly<Record<string, string | undefined>>): string {
  const given = (name: string) => (values[name] ?? '').trim() !== '';
  return prompt.template
    .replace(/\{\{([#^])([\w-]+)\}\}([\s\S]*?)\{\{\/\2\}\}/g, (_all, sign: string, name: string, inner: string) =>
      (sign === '#') === given(name) ? inner : '',
    )
    .replace(/\{\{([\w-]+)\}\}/g, (_all, name: string) => (values[name] ?? '').trim())
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function registerPrompts(server: McpServer, prompts: readonly PromptTemplate[]): void {
  for (const prompt of prompts) {
    const argsSchema = Object.fromEntries(
      prompt.arguments.map((arg) => [arg.name, arg.required ? z.string().describe(arg.description) : z.string().optional().describe(arg.description)]),
    );
    server.registerPrompt(prompt.name, { title: prompt.title, description: prompt.description, argsSchema }, (values: Record<string, string | undefined>) => ({
      description: prompt.description,
      messages: [{ role: 'user', content: { type: 'text', text: renderPrompt(prompt, values) } }],
    }));
  }
}

function placeholders(body: string): Set<string> {
  return new Set([...body.matchAll(/\{\{[#^/]?([\w-]+)\}\}/g)].map((m) => m[1] as string));
}
