import type { Command } from 'commander';
import { EXIT_OK, printJson, runCommand, type CommandIo } from './run.js';

const list = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);

export function registerDataMigration(program: Command, io: CommandIo, exit: (code: number) => void): void {
  program
    .command('data-migration')
    .description('Write a batched, checked, reversible data migration: backfill | split | merge | convert | move | expression')
    .argument('<intent>', 'backfill | split | merge | convert | move | expression')
    .requiredOption('--table <table>', 'table (name or schema.name)')
    .option('--key <column>', 'key column the batches walk', 'id')
    .option('--batch-size <n>', 'rows per batch', '1000')
    .option('--column <column>', 'the column the intent reads')
    .option('--columns <a,b>', 'merge: the columns to merge')
    .option('--into <column[,column]>', 'split: two new columns; merge/convert: the new column')
    .option('--constant <value>', 'backfill: a constant')
    .option('--expression <sql>', 'backfill/convert: a SQL expression over the row')
    .option('--not-null', 'backfill: SET NOT NULL once no NULL is left')
    .option('--separator <text>', 'split/merge: the separator', ' ')
    .option('--drop-source', 'split/merge/convert: drop the source column(s) (backed up for the down)')
    .option('--keep-source', 'move: keep the source column')
    .option('--type <type>', 'convert: the new type')
    .option('--inverse <sql>', 'convert: the old value from the new one')
    .option('--to-table <table>', 'move: the table the column moves to')
    .option('--to-key <column>', 'move: its column that holds the key of --table')
    .option('--set <sql>', 'expression: the SET list, e.g. "status = lower(status)"')
    .option('--where <sql>', 'expression: which rows')
    .option('--name <name>', 'file name part')
    .option('--out <dir>', 'write the up and down files into this folder (never overwrites)')
    .option('--json', 'print one JSON object')
    .action(async (intent: string, o) => {
      const code = await runCommand(io, async () => {
        const into = intent === 'split' ? list(o.into) : o.into;
        const migration = {
          intent,
          table: o.table,
          key: o.key,
          batchSize: Number(o.batchSize),
          column: o.column,
          columns: list(o.columns),
          into,
          constant: o.constant,
          expression: o.expression,
          notNull: Boolean(o.notNull),
          separator: o.separator,
          dropSource: intent === 'move' ? !o.keepSource : Boolean(o.dropSource),
          dropSources: Boolean(o.dropSource),
          type: o.type,
          inverse: o.inverse,
          toTable: o.toTable,
          toKey: o.toKey,
          set: o.set,
          where: o.where,
        };
        const { dataMigration } = await import('../ops/data-migration.js');
        const result = await dataMigration({ migration: migration as never, name: o.name, out: o.out });
        if (o.json) printJson(io, result);
        else io.stdout(`${result.up.trimEnd()}\n\n-- ---- down ----\n${result.down.trimEnd()}\n${result.written.map((p) => `wrote ${p}\n`).join('')}`);
        return EXIT_OK;
      });
      exit(code);
    });
}
