/**
 * A CommonJS package loaded on first use instead of at start-up. The database drivers, the SQL parser
 * and the deparser cost tens of milliseconds each to load; the MCP server answers its first requests
 * and most CLI runs finish without some of them, so none is loaded before it is needed. The packages
 * named here are CommonJS, so loading them synchronously shares the instance an `import` would get.
 */
import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireFromHere(name) as T);
}
