#!/usr/bin/env node
/** The CLI: one command per operation, the same names and inputs as the MCP tools. */
import { Command } from 'commander';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { registerDataMigration } from './data-migration.js';
import { registerDetectChanges } from './detect-changes.js';
import { registerGenerateMigration } from './generate-migration.js';
import { registerLintMigration } from './lint-migration.js';
import { registerRollback } from './rollback.js';
import { registerValidateMigration } from './validate-migration.js';
import { registerZeroDowntimePlan } from './zero-downtime-plan.js';
import { processIo, type CommandIo } from './run.js';
import { registerServe } from './serve.js';
import { resetLoadCache } from '../sources/load-cache.js';

export function buildProgram(io: CommandIo, exit: (code: number) => void): Command {
  const program = new Command('migration-generator')
    .description('Safe, reversible, verified database migrations from schema changes')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  registerDetectChanges(program, io, exit);
  registerGenerateMigration(program, io, exit);
  registerValidateMigration(program, io, exit);
  registerLintMigration(program, io, exit);
  registerRollback(program, io, exit);
  registerDataMigration(program, io, exit);
  registerZeroDowntimePlan(program, io, exit);
  registerServe(program, io, exit);
  return program;
}

export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  // A command other than `serve` loads each source once and exits: the load cache would only cost.
  if (argv[0] !== 'serve') resetLoadCache({ maxEntries: 0, maxTextSize: 0 });
  let exitCode = 0;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  return exitCode;
}

function invokedDirectly(): boolean {
  try {
    return Boolean(process.argv[1]) && realpathSync(process.argv[1] as string) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
