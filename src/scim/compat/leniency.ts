import { ScimError } from '../errors/scim-error';

/**
 * The departures from RFC 7643 / 7644 that scimd tolerates because identity providers send them
 * (see docs/compatibility.md). Each is a counter name in the admin API.
 */
export const NORMALISATION_KINDS = [
  /** `"active": "True"` — a boolean attribute given as the string "true"/"false", any case (Entra, OneLogin). */
  'boolean-string',
  /** `"manager": "<id>"` — the enterprise manager given as a plain id instead of `{ "value": id }` (Entra). */
  'manager-string',
  /** `"manager": [{"value": "<id>"}]` — a single-valued complex attribute given as a one-element list (Entra's documented manager PATCH). */
  'single-value-as-list',
  /** `{"op":"add","path":"members","value":"<id>"}` — a member given as a bare id (Microsoft's suite). */
  'bare-member-value',
  /** `"path": "manager"`, `filter=manager eq "…"` — an extension attribute named without its URN (Entra's documentation). */
  'unqualified-extension-attribute',
  /** `emails[type eq "work"].value` set on a user without a work email: the element is created (Entra). */
  'typed-element-created',
  /** `"schemas": ["urn:scim:schemas:core:1.0"]` — the SCIM 1.1 core URN on a SCIM 2.0 write (OneLogin). */
  'scim11-urn',
  /** `filter=userName sw O` — an unquoted string value in a filter (Microsoft's suite, Entra's docs). */
  'unquoted-filter-value',
  /** `filter=emails[type eq "work"].value eq "x"` — a comparison on a sub-attribute after a value filter, read as `emails[type eq "work" and value eq "x"]` (Entra). */
  'value-path-sub-attribute',
  /** `{"op":"replace","path":"title","value":""}` — an empty string written to a single-valued attribute, read as removing it (Entra). */
  'empty-string-as-clear',
  /** `attributes=emails[type eq "work"]` — a value filter inside `attributes`: the attribute is returned. */
  'attributes-filter',
  /** `/users` — an endpoint name in another case than RFC 7644's `/Users` (Microsoft's suite). */
  'lowercase-endpoint',
  /** `/Users/?filter=…` — a slash after the endpoint name (Microsoft's suite). */
  'trailing-slash',
  /** `"roles": [{"value": "{\"id\":…,\"value\":\"Admin\"}"}]` — an app role assignment as JSON text in `value`, read as that role (Entra's PATCH). */
  'role-as-json-text',
  /** A group member that is no User or Group of the server, dropped (the `unknownMembers: "ignore"` setting). */
  'unknown-member-ignored',
] as const;

export type NormalisationKind = (typeof NORMALISATION_KINDS)[number];

/**
 * What one request may get away with, and what it did. The kernel calls {@link allow} where it
 * departs from the RFC; a strict server refuses instead (the refusal is still recorded, so the
 * administrator sees which quirks the IdP sends). The HTTP layer counts {@link applied}.
 */
export class Leniency {
  private readonly kinds: NormalisationKind[] = [];
  private readonly settled: NormalisationKind[] = [];

  constructor(readonly strict = false) {}

  /** The kinds applied (or, when strict, refused), in order, each once. */
  get applied(): readonly NormalisationKind[] {
    return [...new Set(this.kinds)];
  }

  /** Kinds a per-server setting asked for (e.g. `unknownMembers: "ignore"`): normalised even when strict. */
  get noted(): readonly NormalisationKind[] {
    return [...new Set(this.settled)];
  }

  /** Records a normalisation that a setting chose explicitly: never refused. */
  note(kind: NormalisationKind): void {
    this.settled.push(kind);
  }

  /**
   * Records `kind` and tells whether the caller may normalise: false when strict, for departures whose
   * RFC reading is not an error of its own (an unqualified name is then an unknown attribute).
   */
  permits(kind: NormalisationKind): boolean {
    this.kinds.push(kind);
    return !this.strict;
  }

  /** Records `kind`; when strict, throws `refusal()` instead of letting the caller normalise. */
  allow(kind: NormalisationKind, refusal: () => ScimError): void {
    this.kinds.push(kind);
    if (this.strict) throw refusal();
  }
}

/** A lenient collector for callers that do not count (kernel defaults, tools). */
export function lenient(): Leniency {
  return new Leniency(false);
}
