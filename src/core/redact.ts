/** Removes passwords from connection URLs and any text that embeds one. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of ['password', 'sslpassword']) if (parsed.searchParams.has(key)) parsed.searchParams.set(key, '***');
    // A URL that parses without a password may still carry one where its parser did not look (`postgres:u:p@h`).
    return redactSecrets(parsed.toString());
  } catch {
    return redactSecrets(url);
  }
}

/**
 * Scrubs the password of `user:secret@host` (with or without a scheme, so a mistyped URL is covered too),
 * `password=secret` and `Bearer <token>` from free text. Linear in the length of the text: it runs on
 * error messages that may echo megabytes of input.
 */
export function redactSecrets(text: string): string {
  const tokens = text.split(/(\s+)/).map((token) => (token.includes('@') ? redactUserinfo(token) : token));
  return tokens
    .join('')
    .replace(/((?:ssl)?password\s*=\s*)('[^']*'|"[^"]*"|\S+)/gi, '$1***')
    // A credential, not prose: "bearer token required" must stay readable.
    .replace(/(\bBearer\s+)[\w.~+/=-]{8,}/gi, '$1***');
}

/** In one whitespace-free token: the part between `//` (or the token's start) and the last `@`, after its first `:`. */
function redactUserinfo(token: string): string {
  const at = token.lastIndexOf('@');
  const slashes = token.indexOf('//');
  const start = slashes !== -1 && slashes < at ? slashes + 2 : 0;
  const colon = token.indexOf(':', start);
  if (colon === -1 || colon > at) return token;
  return `${token.slice(0, colon + 1)}***${token.slice(at)}`;
}
