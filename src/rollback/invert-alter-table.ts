/**
 * ALTER TABLE, subcommand by subcommand: the inverse subcommands in reverse order, in one ALTER
 * TABLE. A subcommand whose inverse needs the schema before (the old type, default or definition)
 * makes the whole statement irreversible from the text alone.
 */
import { defaultConstraintName, type Inversion } from './nodes.js';

type Cmd = Record<string, any>;
type CmdInversion = { cmds: Cmd[]; lossy?: string; note?: string } | { irreversible: string };

const NEEDS_SCHEMA = 'give the schema before the migration (--from) so the down can restore it';

const SWAPS: Record<string, string> = {
  AT_EnableRowSecurity: 'AT_DisableRowSecurity',
  AT_DisableRowSecurity: 'AT_EnableRowSecurity',
  AT_ForceRowSecurity: 'AT_NoForceRowSecurity',
  AT_NoForceRowSecurity: 'AT_ForceRowSecurity',
  AT_SetLogged: 'AT_SetUnLogged',
  AT_SetUnLogged: 'AT_SetLogged',
  AT_EnableTrig: 'AT_DisableTrig',
  AT_DisableTrig: 'AT_EnableTrig',
  AT_EnableTrigAll: 'AT_DisableTrigAll',
  AT_DisableTrigAll: 'AT_EnableTrigAll',
  AT_SetNotNull: 'AT_DropNotNull',
};

export function invertAlterTable(stmt: { relation: { relname: string }; cmds: { AlterTableCmd: Cmd }[] }): Inversion {
  const inverted: Cmd[] = [];
  const notes: string[] = [];
  for (const { AlterTableCmd: cmd } of [...stmt.cmds].reverse()) {
    const result = invertCmd(cmd, stmt.relation.relname);
    if ('irreversible' in result) return { irreversible: result.irreversible };
    inverted.push(...result.cmds);
    if (result.lossy) notes.push(result.lossy);
    if (result.note) notes.push(result.note);
  }
  if (inverted.length === 0) return { nodes: [] };
  return {
    nodes: [{ AlterTableStmt: { ...stmt, cmds: inverted.map((c) => ({ AlterTableCmd: c })) } }],
    ...(notes.length ? { lossy: notes.join('; ') } : {}),
  };
}

function invertCmd(cmd: Cmd, table: string): CmdInversion {
  const swapped = SWAPS[cmd.subtype];
  if (swapped) return { cmds: [{ ...cmd, subtype: swapped }] };
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const name = cmd.def?.ColumnDef?.colname;
      return { cmds: [{ subtype: 'AT_DropColumn', name }], lossy: `values written to ${name} after the up are dropped with it` };
    }
    case 'AT_DropNotNull':
      return { cmds: [{ ...cmd, subtype: 'AT_SetNotNull' }], note: `SET NOT NULL on ${cmd.name} fails if NULLs were written after the up` };
    case 'AT_AddConstraint':
      return dropConstraint(cmd.def?.Constraint, table);
    case 'AT_ValidateConstraint':
      return { cmds: [] };
    case 'AT_AddIdentity':
      return { cmds: [{ subtype: 'AT_DropIdentity', name: cmd.name }] };
    case 'AT_AttachPartition':
      return { cmds: [{ subtype: 'AT_DetachPartition', def: { PartitionCmd: { name: cmd.def.PartitionCmd.name, concurrent: false } } }] };
    case 'AT_DropColumn':
      return { irreversible: `DROP COLUMN ${cmd.name}: its definition and its values are gone; ${NEEDS_SCHEMA} (the values cannot come back)` };
    case 'AT_AlterColumnType':
      return { irreversible: `ALTER COLUMN ${cmd.name} TYPE: the previous type is not in the migration; ${NEEDS_SCHEMA}` };
    case 'AT_ColumnDefault':
      return { irreversible: `${cmd.def ? 'SET' : 'DROP'} DEFAULT on ${cmd.name}: the previous default is not in the migration; ${NEEDS_SCHEMA}` };
    case 'AT_DropConstraint':
      return { irreversible: `DROP CONSTRAINT ${cmd.name}: its definition is not in the migration; ${NEEDS_SCHEMA}` };
    default:
      return { irreversible: `ALTER TABLE ${String(cmd.subtype).replace(/^AT_/, '')} is not inverted automatically; ${NEEDS_SCHEMA}` };
  }
}

const CONSTRAINT_SUFFIX: Record<string, string> = {
  CONSTR_PRIMARY: 'pkey',
  CONSTR_UNIQUE: 'key',
  CONSTR_FOREIGN: 'fkey',
  CONSTR_CHECK: 'check',
  CONSTR_EXCLUSION: 'excl',
};

function dropConstraint(constraint: Cmd | undefined, table: string): CmdInversion {
  if (!constraint) return { irreversible: 'ADD CONSTRAINT without a definition' };
  if (constraint.conname) return { cmds: [{ subtype: 'AT_DropConstraint', name: constraint.conname }] };
  const suffix = CONSTRAINT_SUFFIX[constraint.contype];
  const columns: string[] = (constraint.keys ?? constraint.fk_attrs ?? []).map((k: Cmd) => k.String?.sval);
  if (!suffix || (suffix !== 'pkey' && columns.length === 0)) {
    return { irreversible: 'an unnamed CHECK or EXCLUDE constraint: name it (CONSTRAINT name ...) so the down can drop it' };
  }
  const name = defaultConstraintName(table, columns, suffix);
  return {
    cmds: [{ subtype: 'AT_DropConstraint', name }],
    note: `the constraint had no name; PostgreSQL names it ${name}, assumed here`,
  };
}
