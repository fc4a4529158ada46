/**
 * The front matter of a prompt template: a small, fixed subset of YAML (scalars, and one list of
 * argument maps). Parsed by hand so the package needs no YAML dependency for a dozen lines.
 */

export interface FrontMatter {
  readonly fields: Readonly<Record<string, string>>;
  readonly lists: Readonly<Record<string, readonly Readonly<Record<string, string>>[]>>;
  readonly body: string;
}

export function parseFrontMatter(text: string, file: string): FrontMatter {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file}: no front matter (a --- block at the top)`);
  const fields: Record<string, string> = {};
  const lists: Record<string, Record<string, string>[]> = {};
  let list: Record<string, string>[] | undefined;
  const lines = (match[1] as string).split(/\r?\n/);
  lines.forEach((raw, index) => {
    const where = `${file}:${index + 2}`;
    if (raw.trim() === '' || raw.trim().startsWith('#')) return;
    const item = /^\s+-\s+(.*)$/.exec(raw);
    const nested = /^\s+(\S.*)$/.exec(raw);
    if (item) {
      if (!list) throw new Error(`${where}: list item outside a list`);
      list.push({});
      assign(list[list.length - 1] as Record<string, string>, item[1] as string, where);
    } else if (nested) {
      const current = list?.[list.length - 1];
      if (!current) throw new Error(`${where}: indented line outside a list item`);
      assign(current, nested[1] as string, where);
    } else {
      const [key, value] = keyValue(raw, where);
      if (value === '') lists[key] = list = [];
      else {
        fields[key] = value;
        list = undefined;
      }
    }
  });
  return { fields, lists, body: match[2] as string };
}

function assign(target: Record<string, string>, text: string, where: string): void {
  const [key, value] = keyValue(text, where);
  target[key] = value;
}

function keyValue(text: string, where: string): [string, string] {
  const match = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(text.trim());
  if (!match) throw new Error(`${where}: expected "key: value", got "${text.trim()}"`);
  return [match[1] as string, unquote((match[2] as string).trim())];
}

function unquote(value: string): string {
  if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
    return value.slice(1, -1);
  }
  return value;
}
