/**
 * Lookup keys: the values of the custom attributes an administrator marked for lookup, as the text
 * array a GIN index holds (`<prefix><attribute>=<value>`), so that `attr eq "value"` is answered
 * through that index rather than by reading every resource of the server. Only strings are keyed
 * (string and reference attributes, single- or multi-valued); values are lower-cased unless the
 * attribute is caseExact, as the filter compares them. The key narrows the candidates; the filter's
 * own condition is still applied to each, so a key never decides a match on its own.
 */

/** A custom attribute keyed for lookup: where it sits in the stored document and how it compares. */
export interface LookupAttribute {
  /** The canonical path, lower-cased: `secodarole`, `urn:…:acme:2.0:user:costcenter`. */
  canonical: string;
  /** Its keys in the stored document: `[name]` in the core namespace, `[urn, name]` in an extension. */
  documentPath: readonly string[];
  caseExact: boolean;
}

/** Longest value keyed: longer values are not in the index, and a filter on such a value does not use it. */
export const MAX_KEYED_VALUE = 256;

/** The key of one value. */
export function lookupKey(
  prefix: string,
  attribute: Pick<LookupAttribute, 'canonical' | 'caseExact'>,
  value: string,
): string {
  return `${prefix}${attribute.canonical}=${attribute.caseExact ? value : value.toLowerCase()}`;
}

/** The keys of a stored document (sorted, distinct); null when there are no lookup attributes at all. */
export function lookupKeys(
  data: Readonly<Record<string, unknown>>,
  attributes: readonly LookupAttribute[],
  prefix: string,
): string[] | null {
  if (attributes.length === 0) return null;
  const keys = new Set<string>();
  for (const attribute of attributes) {
    let value: unknown = data;
    for (const key of attribute.documentPath)
      value =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>)[key]
          : undefined;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' && item.length <= MAX_KEYED_VALUE) keys.add(lookupKey(prefix, attribute, item));
    }
  }
  return [...keys].sort();
}

/** A server's lookup keying of one resource type. */
export interface LookupSpec {
  attributes: readonly LookupAttribute[];
  /** Starts every key: the server's own, so that a key is selective across servers. */
  prefix: string;
  /** Every resource of the server is keyed for these attributes: filters may use the index. */
  ready: boolean;
}

export const NO_LOOKUP: LookupSpec = Object.freeze({ attributes: Object.freeze([]), prefix: '', ready: false });

/** The key prefix of a server: its id's first 8 hex digits. */
export function lookupPrefix(serverId: string): string {
  return `${serverId.slice(0, 8).toLowerCase()}:`;
}
