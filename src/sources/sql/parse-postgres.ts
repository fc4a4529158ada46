/** Statements of PostgreSQL schema SQL, for the loader: the shared parser front end, plus a tree walk. */
import { loadPostgresParser, parseMigration } from '../../dialects/postgres/parser.js';

export interface ParsedStatement {
  /** The statement's text, without the trailing semicolon. */
  readonly text: string;
  /** Character offset of the statement's first token in the source text. */
  readonly offset: number;
  /** The parser's node: `{ CreateStmt: {...} }` and so on. */
  readonly node: Record<string, any>;
  readonly kind: string;
}

export { loadPostgresParser };

export async function parsePostgres(text: string, file?: string): Promise<ParsedStatement[]> {
  await loadPostgresParser();
  return parseMigration(text, file).statements.map((s) => {
    const node = s.node as Record<string, any>;
    return { text: s.text, offset: s.start, node, kind: Object.keys(node)[0] ?? 'Unknown' };
  });
}

/** Visits every object node in a parse tree. */
export function walkNodes(node: unknown, visit: (key: string, value: Record<string, any>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walkNodes(item, visit);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) visit(key, value as Record<string, any>);
      walkNodes(value, visit);
    }
  }
}
