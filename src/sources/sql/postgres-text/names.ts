/**
 * The names PostgreSQL gives objects the DDL leaves unnamed (`t_pkey`, `t_a_key`, `t_a_fkey`,
 * `t_a_check`, `t_a_idx`, `t_id_seq`): a port of makeObjectName and ChooseIndexNameAddition.
 * A chosen name that is already taken makes PostgreSQL append a counter; the text reader does not
 * guess that far and leaves such schemas to the database.
 */

/** NAMEDATALEN - 1: the longest identifier, in bytes. */
export const MAX_IDENTIFIER_BYTES = 63;

/** `name1_name2_label`, the longer of the two names cut first so the whole fits in 63 bytes. */
export function makeObjectName(name1: string, name2: string | undefined, label: string | undefined): string {
  let chars1 = byteLength(name1);
  let chars2 = name2 === undefined ? 0 : byteLength(name2);
  const overhead = (name2 === undefined ? 0 : 1) + (label === undefined ? 0 : byteLength(label) + 1);
  const available = MAX_IDENTIFIER_BYTES - overhead;
  while (chars1 + chars2 > available) {
    if (chars1 > chars2) chars1--;
    else chars2--;
  }
  const parts = [clipBytes(name1, chars1)];
  if (name2 !== undefined) parts.push(clipBytes(name2, chars2));
  if (label !== undefined) parts.push(label);
  return parts.join('_');
}

/** Column names joined by `_`, stopping once the text is long enough to be cut anyway. */
export function nameAddition(columns: readonly string[]): string {
  let out = '';
  for (const column of columns) {
    const next = out === '' ? column : `${out}_${column}`;
    out = next;
    if (byteLength(out) >= MAX_IDENTIFIER_BYTES + 1) break;
  }
  return out;
}

/** What PostgreSQL keeps of an identifier longer than 63 bytes. */
export function truncateIdentifier(name: string): string {
  return byteLength(name) > MAX_IDENTIFIER_BYTES ? clipBytes(name, MAX_IDENTIFIER_BYTES) : name;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest prefix of `text` of at most `bytes` UTF-8 bytes that does not split a character. */
function clipBytes(text: string, bytes: number): string {
  if (byteLength(text) <= bytes) return text;
  let used = 0;
  let out = '';
  for (const char of text) {
    const width = byteLength(char);
    if (used + width > bytes) break;
    used += width;
    out += char;
  }
  return out;
}
