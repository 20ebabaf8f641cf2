import { redactComparisons } from '../../scim/filter/redact-comparisons';

/** What replaces a secret value wherever it appears. */
export const REDACTED = '[redacted]';

/** Member names whose values are secrets at any depth: passwords, tokens, secrets, keys. */
const SECRET_NAME =
  /^(password|pass|pwd|passwd|authorization|cookie)$|password|secret|token|api_?key|private_?key|credential/i;

/** A PATCH path that targets a password (`password`, `urn:…:User:password`). */
const SECRET_PATH = /(^|[.:])(password|secret|token)$/i;

/** True when a member name (or a PATCH path) names a secret, or one of `extra` (lower-case names). */
export function isSecretName(name: string, extra?: ReadonlySet<string>): boolean {
  return SECRET_NAME.test(name) || (extra !== undefined && extra.size > 0 && extra.has(name.toLowerCase()));
}

/**
 * A filter (or PATCH path) with the value of every comparison on a secret redacted: `password eq
 * "[redacted]"`. Secrets are what {@link isSecretName} says, with `extra` the server's attributes
 * declared `returned: never`. A filter on a password is refused, but it is still logged.
 */
export function redactFilter(filter: string, extra?: ReadonlySet<string>): string {
  return redactComparisons(filter, (name) => isSecretName(name, extra), `"${REDACTED}"`);
}

/**
 * A copy of a JSON value in which every secret is replaced by {@link REDACTED}: the values of members
 * named like secrets (`password`, `clientSecret`, `access_token`…, at any depth, case-insensitively),
 * and the `value` of a PATCH operation whose `path` names one (`{"op":"replace","path":"password",
 * "value":"…"}`). The input is left untouched.
 */
export function redact(value: unknown, extra?: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item, extra));
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const path = pathOf(source);
  const secretPath =
    typeof path === 'string' &&
    (SECRET_PATH.test(path.trim()) || (extra !== undefined && isSecretName(lastName(path.trim()), extra)));
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(source)) {
    if (isSecretName(key, extra) || (secretPath && key.toLowerCase() === 'value'))
      copy[key] = member === null ? null : REDACTED;
    else if (typeof member === 'string' && FILTERED.has(key.toLowerCase())) copy[key] = redactFilter(member, extra);
    else copy[key] = redact(member, extra);
  }
  return copy;
}

/** Members whose text is a filter or a PATCH path: comparisons in them are redacted (`.search`'s filter, `members[value eq …]`). */
const FILTERED = new Set(['filter', 'path']);

function lastName(path: string): string {
  const cut = Math.max(path.lastIndexOf(':'), path.lastIndexOf('.'));
  return cut < 0 ? path : path.slice(cut + 1);
}

/** Every word that can make {@link redact} change something; text without any needs no redaction. */
const SECRET_WORD = /password|secret|token|api_?key|private_?key|credential|authorization|cookie|"(pass|pwd|passwd)"/i;

/** False when a JSON text certainly holds no secret (a cheap test before parsing and redacting). */
export function mayHoldSecrets(jsonText: string, extra?: ReadonlySet<string>): boolean {
  if (SECRET_WORD.test(jsonText)) return true;
  if (extra === undefined || extra.size === 0) return false;
  const lower = jsonText.toLowerCase();
  for (const name of extra) if (lower.includes(name)) return true;
  return false;
}

/** The JSON text of a value, redacted; the value is copied only when its text may hold a secret. */
export function redactedJson(value: unknown, extra?: ReadonlySet<string>): string {
  const text = JSON.stringify(value);
  return text !== undefined && mayHoldSecrets(text, extra) ? JSON.stringify(redact(value, extra)) : text;
}

function pathOf(object: Record<string, unknown>): unknown {
  for (const key of Object.keys(object)) if (key.toLowerCase() === 'path') return object[key];
  return undefined;
}

/**
 * The path and query as sent, with the values of secret-named query parameters (`access_token=…`)
 * replaced, and comparisons on secrets in a `filter` redacted (`filter=password%20eq%20"[redacted]"`;
 * a filter with none is kept byte for byte). `extra`: the server's attributes declared `returned: never`.
 */
export function redactUrl(url: string, extra?: ReadonlySet<string>): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url.slice(q + 1).replace(/(^|&)([^=&]*)=([^&]*)/g, (all, sep: string, name: string, value: string) => {
    const decodedName = decode(name);
    if (isSecretName(decodedName, extra)) return `${sep}${name}=${encodeURIComponent(REDACTED)}`;
    if (decodedName.toLowerCase() !== 'filter') return all;
    const filter = decode(value.replace(/\+/g, ' '));
    const redacted = redactFilter(filter, extra);
    return redacted === filter ? all : `${sep}${name}=${encodeReadably(redacted)}`;
  });
  return `${url.slice(0, q)}?${query}`;
}

/** A query value percent-encoded, leaving the characters a filter is read by (`"`, `[`, `]`, `:`, `@`, `,`) as they are. */
function encodeReadably(text: string): string {
  return encodeURIComponent(text).replace(/%(22|5B|5D|3A|40|2C)/g, (_all, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
