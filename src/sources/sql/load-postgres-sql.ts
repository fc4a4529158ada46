/**
 * SQL DDL → Schema for PostgreSQL: parse with the real parser (positions, coverage), apply to a
 * scratch PostgreSQL, read the catalog back. The model then means exactly what PostgreSQL means:
 * implicit names, type aliases, normalised defaults and expressions.
 */
import { UserError, locate } from '../../core/errors.js';
import type { Schema, Unsupported } from '../../core/model.js';
import { isPgError } from '../../dialects/postgres/client.js';
import { introspectPostgres } from '../../dialects/postgres/introspect.js';
import { pgliteSupportsExtension } from '../../dialects/postgres/pglite.js';
import { acquireScratch, type ScratchDatabase, type ScratchOptions } from '../../validate/scratch-postgres.js';
import { parsePostgres, walkNodes, type ParsedStatement } from './parse-postgres.js';

export interface SqlText {
  /** Where the text came from, for error messages. */
  readonly file?: string;
  readonly text: string;
}

interface LocatedStatement extends ParsedStatement {
  readonly source: SqlText;
}

/** Statements that are not schema, or that a scratch database must not run. */
const SKIPPED: Record<string, string> = {
  TransactionStmt: 'transaction control is handled by the loader',
  CopyStmt: 'COPY data is not schema',
  CreatedbStmt: 'databases are outside the schema model',
  DropdbStmt: 'databases are outside the schema model',
  CreateTableSpaceStmt: 'tablespaces are outside the schema model',
  DropTableSpaceStmt: 'tablespaces are outside the schema model',
  CheckPointStmt: 'not schema',
  VacuumStmt: 'not schema',
  ClusterStmt: 'not schema',
  ListenStmt: 'not schema',
  NotifyStmt: 'not schema',
  LoadStmt: 'LOAD is not allowed in a scratch database',
  AlterSystemStmt: 'server configuration is outside the schema model',
};

/** Statements whose effect the model does not represent: run, and reported. */
const NOT_MODELLED: Record<string, string> = {
  AlterOwnerStmt: 'ownership',
  SecLabelStmt: 'security labels',
  AlterDatabaseStmt: 'database settings',
  AlterDatabaseSetStmt: 'database settings',
  AlterRoleSetStmt: 'role settings',
};

export async function loadPostgresSql(sources: readonly SqlText[], options: ScratchOptions = {}): Promise<Schema> {
  const statements = await parseAll(sources);
  const extensions = requiredExtensions(statements, options);
  const scratch = await acquireScratch({ ...options, extensions });
  try {
    if (scratch.canCreateRoles) await createMissingRoles(scratch, statements);
    const unsupported = await applyStatements(scratch, statements);
    const schema = await introspectPostgres(scratch.client);
    return withSourceFacts(schema, statements, unsupported);
  } finally {
    await scratch.release();
  }
}

async function parseAll(sources: readonly SqlText[]): Promise<LocatedStatement[]> {
  const all: LocatedStatement[] = [];
  for (const source of sources) {
    for (const statement of await parsePostgres(source.text, source.file)) all.push({ ...statement, source });
  }
  return all;
}

function requiredExtensions(statements: readonly LocatedStatement[], options: ScratchOptions): string[] {
  const names: string[] = [];
  for (const s of statements) {
    if (s.kind !== 'CreateExtensionStmt') continue;
    const name = String(s.node.CreateExtensionStmt.extname);
    if (!options.serverUrl && !pgliteSupportsExtension(name)) {
      throw new UserError('UNSUPPORTED', `extension "${name}" is not available in the embedded PostgreSQL`, {
        location: where(s),
        hint: 'pass a disposable PostgreSQL server with --scratch-url to load schemas that need it',
      });
    }
    names.push(name);
  }
  return names;
}

/** Grants and policies may name roles the scratch database does not have; create them first. */
async function createMissingRoles(scratch: ScratchDatabase, statements: readonly LocatedStatement[]): Promise<void> {
  const roles = new Set<string>();
  for (const s of statements) {
    // Role names appear as RoleSpec nodes, sometimes wrapped ({ RoleSpec: ... }), sometimes not (newowner).
    walkNodes(s.node, (_key, value) => {
      if (value.roletype === 'ROLESPEC_CSTRING' && typeof value.rolename === 'string') roles.add(value.rolename);
    });
    if (s.kind === 'CreateRoleStmt') roles.delete(String(s.node.CreateRoleStmt.role));
  }
  if (roles.size === 0) return;
  const existing = await scratch.client.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles');
  const known = new Set(existing.map((r) => r.rolname));
  for (const role of [...roles].sort()) {
    if (!known.has(role)) await scratch.client.exec(`CREATE ROLE ${quoteIdent(role)} NOLOGIN`);
  }
}

async function applyStatements(scratch: ScratchDatabase, statements: readonly LocatedStatement[]): Promise<Unsupported[]> {
  const unsupported: Unsupported[] = [];
  for (const s of statements) {
    if (s.kind in SKIPPED) {
      if (s.kind !== 'TransactionStmt') unsupported.push({ kind: s.kind, location: where(s), detail: SKIPPED[s.kind] as string });
      continue;
    }
    const notModelled = NOT_MODELLED[s.kind] ?? (isOwnerChange(s) ? 'ownership' : undefined);
    if (notModelled) unsupported.push({ kind: notModelled, location: where(s), detail: `${notModelled} is not represented in the schema model` });
    if (s.kind === 'CreateRoleStmt') {
      const role = String(s.node.CreateRoleStmt.role);
      const exists = await scratch.client.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [role]);
      if (exists.length > 0) continue;
    }
    try {
      await scratch.client.exec(s.text);
    } catch (error) {
      throw sqlError(error, s);
    }
  }
  return unsupported;
}

function isOwnerChange(s: LocatedStatement): boolean {
  if (s.kind !== 'AlterTableStmt') return false;
  const cmds: any[] = s.node.AlterTableStmt.cmds ?? [];
  return cmds.some((c) => c.AlterTableCmd?.subtype === 'AT_ChangeOwner');
}

function sqlError(error: unknown, s: LocatedStatement): UserError {
  if (!isPgError(error)) return new UserError('SQL_ERROR', String((error as Error)?.message ?? error), { location: where(s) });
  const position = Number(error.position ?? 0);
  const offset = s.offset + (position > 0 ? position - 1 : 0);
  const hint = [error.detail, error.hint].filter(Boolean).join('; ') || undefined;
  return new UserError('SQL_ERROR', error.message, { location: locate(s.source.text, offset, s.source.file), hint });
}

function where(s: LocatedStatement) {
  return locate(s.source.text, s.offset, s.source.file);
}

/** What only the text knows: an extension loaded without a pinned version takes whatever is installed. */
function withSourceFacts(schema: Schema, statements: readonly LocatedStatement[], unsupported: Unsupported[]): Schema {
  const pinned = new Set<string>();
  for (const s of statements) {
    if (s.kind !== 'CreateExtensionStmt' && s.kind !== 'AlterExtensionStmt') continue;
    const node = s.node[s.kind];
    const hasVersion = (node.options ?? []).some((o: any) => o.DefElem?.defname === 'new_version');
    if (hasVersion) pinned.add(String(node.extname));
  }
  const extensions = Object.fromEntries(
    Object.entries(schema.extensions).map(([name, ext]) => [name, pinned.has(name) ? ext : { name: ext.name, schema: ext.schema }]),
  );
  return { ...schema, extensions, unsupported: [...schema.unsupported, ...unsupported] };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
