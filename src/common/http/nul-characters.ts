/**
 * Where a parsed JSON body holds a NUL character (U+0000), which PostgreSQL cannot store in text or
 * jsonb: `displayName`, `emails[1].value`, or `(a key)` when a member name holds it; undefined when
 * none does. The text is looked at first, so bodies without one (all but a broken client's) are not
 * walked: JSON writes U+0000 as the escape `\u0000` (a raw NUL byte is invalid JSON already).
 */
export function nulCharacterPath(text: string, parsed: unknown): string | undefined {
  return text.includes('\\u0000') ? find(parsed, '') : undefined;
}

function find(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(the body)' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = find(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, member] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return `${path ? `${path}.` : ''}(a key)`;
    const found = find(member, here);
    if (found) return found;
  }
  return undefined;
}

/** The error detail for such a body. */
export function nulCharacterDetail(path: string): string {
  return `The request body holds a NUL character (\\u0000) at ${path}; it cannot be stored: remove it`;
}
