/**
 * The syntax tree of SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2), shared by the parser,
 * the schema binder, the SQL compiler and the PATCH engine. Names are kept as written; the binder
 * resolves them (case-insensitively) against the schemas.
 */

/** `[uri ":"] attr ["." sub]`, e.g. `name.familyName`, `urn:…:enterprise:2.0:User:manager.value`. */
export interface AttrPath {
  /** Schema URN prefix as written, without the trailing ':' (undefined when absent). */
  uri?: string;
  attr: string;
  sub?: string;
  /** 0-based offset of the path in the input, for error messages. */
  pos: number;
  /** The path exactly as written. */
  text: string;
}

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export type Literal = string | number | boolean | null;

export type Filter =
  | { kind: 'compare'; path: AttrPath; op: CompareOp; value: Literal; pos: number }
  | { kind: 'present'; path: AttrPath; pos: number }
  | { kind: 'and'; left: Filter; right: Filter; pos: number }
  | { kind: 'or'; left: Filter; right: Filter; pos: number }
  | { kind: 'not'; filter: Filter; pos: number }
  /** `emails[type eq "work" and value co "@x"]`: `filter` paths are relative to `path` (its sub-attributes). */
  | { kind: 'valuePath'; path: AttrPath; filter: Filter; pos: number };

/**
 * A PATCH target: `attrPath`, or `valuePath ["." subAttr]` such as `emails[type eq "work"].value`
 * or `members[value eq "2819c223…"]`.
 */
export interface PatchPath {
  /** The attribute (possibly with a sub-attribute when there is no filter: `name.givenName`). */
  path: AttrPath;
  /** The value filter of a valuePath, relative to the attribute's sub-attributes. */
  filter?: Filter;
  /** The sub-attribute after a valuePath: `emails[type eq "work"].value` → `value`. */
  subAttr?: string;
  text: string;
}
