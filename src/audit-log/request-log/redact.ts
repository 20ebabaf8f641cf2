/** What replaces a secret value wherever it appears. */
export const REDACTED = '[redacted]';

/** Member names whose values are secrets at any depth: passwords, tokens, secrets, keys. */
const SECRET_NAME = /^(password|pass|pwd|passwd|authorization|cookie)$|password|secret|token|api_?key|private_?key|credential/i;

/** A PATCH path that targets a password (`password`, `urn:…:User:password`). */
const SECRET_PATH = /(^|[.:])(password|secret|token)$/i;

/** True when a member name (or a PATCH path) names a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * A copy of a JSON value in which every secret is replaced by {@link REDACTED}: the values of members
 * named like secrets (`password`, `clientSecret`, `access_token`…, at any depth, case-insensitively),
 * and the `value` of a PATCH operation whose `path` names one (`{"op":"replace","path":"password",
 * "value":"…"}`). The input is left untouched.
 */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const path = pathOf(source);
  const secretPath = typeof path === 'string' && SECRET_PATH.test(path.trim());
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(source)) {
    if (isSecretName(key) || (secretPath && key.toLowerCase() === 'value')) copy[key] = member === null ? null : REDACTED;
    else copy[key] = redact(member);
  }
  return copy;
}

/** Every word that can make {@link redact} change something; text without any needs no redaction. */
const SECRET_WORD = /password|secret|token|api_?key|private_?key|credential|authorization|cookie|"(pass|pwd|passwd)"/i;

/** False when a JSON text certainly holds no secret (a cheap test before parsing and redacting). */
export function mayHoldSecrets(jsonText: string): boolean {
  return SECRET_WORD.test(jsonText);
}

/** The JSON text of a value, redacted; the value is copied only when its text may hold a secret. */
export function redactedJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text !== undefined && mayHoldSecrets(text) ? JSON.stringify(redact(value)) : text;
}

function pathOf(object: Record<string, unknown>): unknown {
  for (const key of Object.keys(object)) if (key.toLowerCase() === 'path') return object[key];
  return undefined;
}

/**
 * The path and query as sent, with the values of secret-named query parameters (`access_token=…`)
 * replaced. SCIM filters are kept: they name attributes, and a filter on a password is refused anyway.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url.slice(q + 1).replace(/(^|&)([^=&]*)=([^&]*)/g, (all, sep: string, name: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // keep it as sent
    }
    return isSecretName(decoded) ? `${sep}${name}=${encodeURIComponent(REDACTED)}` : all;
  });
  return `${url.slice(0, q)}?${query}`;
}
