/** Quoting of MySQL names in the canonical definitions the model holds. */

// MySQL 8 / MariaDB reserved words likely to be used as names; a reserved name keeps its backquotes.
const RESERVED = new Set(
  `accessible add all alter analyze and as asc before between bigint binary blob both by call cascade case change char character
  check collate column condition constraint continue convert create cross current_date current_time current_timestamp current_user
  cursor database databases day_hour day_minute day_second dec decimal declare default delayed delete desc describe distinct div
  double drop each else elseif enclosed escaped exists exit explain false fetch float for force foreign from fulltext function generated
  grant group groups having high_priority if ignore in index infile inner inout insert int integer interval into is iterate join key
  keys kill lateral leading leave left like limit lines load localtime localtimestamp lock long loop low_priority match maxvalue mod
  modifies natural not null numeric of on optimize option optionally or order out outer over partition precision primary procedure
  range rank read reads real recursive references regexp release rename repeat replace require restrict return revoke right rlike row
  rows schema schemas select separator set show signal smallint spatial sql sqlexception sqlstate sqlwarning ssl starting stored
  straight_join system table terminated then to trailing trigger true undo union unique unlock unsigned update usage use using
  utc_date utc_time utc_timestamp values varbinary varchar varying virtual when where while window with write xor year_month zerofill`.split(/\s+/),
);

export function quoteMysqlIdent(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name.toLowerCase()) ? name : `\`${name.replace(/`/g, '``')}\``;
}

/** Always backquoted: for statements sent to a server. */
export function backquote(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}
