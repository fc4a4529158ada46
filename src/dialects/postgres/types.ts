/** What PostgreSQL can do to a column's type without rewriting the table or losing values. */

const VARCHAR = /^character varying(?:\((\d+)\))?$/;
const NUMERIC = /^numeric(?:\((\d+),(\d+)\))?$/;
const BIT_VARYING = /^bit varying(?:\((\d+)\))?$/;

/**
 * True when every value of `from` fits `to` unchanged and PostgreSQL skips the rewrite
 * (binary-coercible and not narrowing): varchar(n) → varchar(m ≥ n) or text, numeric(p,s) →
 * numeric(p' ≥ p, s), anything constrained → unconstrained of the same family.
 */
export function isSafeWidening(from: string, to: string): boolean {
  if (from === to) return true;
  const fromVarchar = VARCHAR.exec(from);
  if (fromVarchar && (to === 'text' || to === 'character varying')) return true;
  const toVarchar = VARCHAR.exec(to);
  if (fromVarchar && toVarchar) return !toVarchar[1] || (Boolean(fromVarchar[1]) && Number(toVarchar[1]) >= Number(fromVarchar[1]));
  if (from === 'text' && to === 'character varying') return true;
  const fromNumeric = NUMERIC.exec(from);
  const toNumeric = NUMERIC.exec(to);
  if (fromNumeric && toNumeric) {
    if (!toNumeric[1]) return true;
    return Boolean(fromNumeric[1]) && fromNumeric[2] === toNumeric[2] && Number(toNumeric[1]) >= Number(fromNumeric[1]);
  }
  const fromBits = BIT_VARYING.exec(from);
  const toBits = BIT_VARYING.exec(to);
  if (fromBits && toBits) return !toBits[1] || (Boolean(fromBits[1]) && Number(toBits[1]) >= Number(fromBits[1]));
  return from === 'cidr' && to === 'inet';
}

/** Value-preserving changes that still rewrite the table (every value fits, storage differs). */
export function isLosslessConversion(from: string, to: string): boolean {
  if (isSafeWidening(from, to)) return true;
  const ladder = ['smallint', 'integer', 'bigint', 'numeric'];
  const a = ladder.indexOf(from);
  const b = ladder.indexOf(to.replace(/\(.*\)$/, ''));
  if (a >= 0 && b > a && (to === 'numeric' || b < 3)) return true;
  if (['real', 'smallint', 'integer'].includes(from) && to === 'double precision') return true;
  if (/^character varying|^character\(|^text$/.test(from) === false && (to === 'text' || to === 'character varying')) return true;
  if (from === 'timestamp without time zone' && to === 'timestamp with time zone') return true;
  if (from === 'json' && to === 'jsonb') return true;
  return false;
}
