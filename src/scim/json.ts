/** A JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The member of `object` named `name`, matched case-insensitively as SCIM attribute names are
 * (RFC 7643 §2.1); an exact match wins over a case-folded one. Undefined when absent.
 */
export function member(object: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
  const wanted = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : object[key];
}
