/**
 * Readable resources come from providers: a URI, names for people and models, and a lazy text().
 * The server knows nothing about where a text lives, so the lint rule docs (src/lint/docs.ts)
 * join by adding one more provider list.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

export interface ResourceProvider {
  readonly uri: string;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly mimeType?: string;
  text(): string | Promise<string>;
}

export const URI_SCHEME = 'migration-generator';

export function registerResources(server: McpServer, providers: readonly ResourceProvider[]): void {
  const seen = new Set<string>();
  for (const provider of providers) {
    if (seen.has(provider.uri)) throw new Error(`two resources share the URI ${provider.uri}`);
    seen.add(provider.uri);
    const mimeType = provider.mimeType ?? 'text/markdown';
    server.registerResource(provider.name, provider.uri, { title: provider.title, description: provider.description, mimeType }, async (uri) => ({
      contents: [{ uri: uri.href, mimeType, text: await provider.text() }],
    }));
  }
}

/**
 * The skill's Markdown as resources: SKILL.md, its references in skill/, and the checklists in
 * skill/checklists/ (migration-generator://checklists/pre-migration, …).
 */
export function skillResources(root: string): ResourceProvider[] {
  const providers: ResourceProvider[] = [];
  const skillFile = join(root, 'SKILL.md');
  if (existsSync(skillFile)) providers.push(markdownFile(skillFile, `${URI_SCHEME}://skill`, 'skill'));
  providers.push(...markdownFolder(join(root, 'skill'), `${URI_SCHEME}://skill/`, 'skill-'));
  providers.push(...markdownFolder(join(root, 'skill', 'checklists'), `${URI_SCHEME}://checklists/`, 'checklist-'));
  return providers;
}

function markdownFolder(folder: string, uriPrefix: string, namePrefix: string): ResourceProvider[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const stem = basename(name, '.md');
      return markdownFile(join(folder, name), `${uriPrefix}${stem}`, `${namePrefix}${stem}`);
    });
}

/** Title and description come from the file itself: its first heading and first paragraph line. */
function markdownFile(path: string, uri: string, name: string): ResourceProvider {
  const text = readFileSync(path, 'utf8');
  const body = text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  const lines = body.split(/\r?\n/).map((line) => line.trim());
  const title = lines.find((line) => line.startsWith('# '))?.slice(2) ?? name;
  const description = lines.find((line) => line !== '' && !line.startsWith('#')) ?? title;
  return { uri, name, title, description: description.length > 200 ? `${description.slice(0, 197)}…` : description, text: () => readFile(path, 'utf8') };
}
