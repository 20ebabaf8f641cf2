import { LookupAttribute, LookupSpec } from '../resource/lookup-keys';
export type ColumnKind = 'text' | 'uuid' | 'boolean' | 'timestamptz' | 'integer';

/** An attribute kept in its own column (indexed), e.g. userName → `r.user_name`. */
export interface SqlColumn {
  expr: string;
  kind: ColumnKind;
  /** The column is NOT NULL: keyset pages on it compare (key, id) as a row, which an index can bound. */
  notNull?: boolean;
}

/**
 * A multi-valued attribute that lives in another table (group membership): `exists(condition)` wraps a
 * condition on its sub-attribute `columns` in the correlated EXISTS that joins the rows to the resource
 * row; one matching row satisfies it, as for every multi-valued attribute.
 */
export interface RelationAttribute {
  columns: Readonly<Record<string, SqlColumn & { caseExact: boolean }>>;
  exists(condition: string): string;
}

/**
 * Where a resource type's attributes live: columns by canonical path, the JSONB document for the rest,
 * and relations for attributes derived from other tables. Canonical paths are those of the binder:
 * `userName`, `name.familyName`, `emails.value`, `meta.created`, `<extension urn>:department`.
 */
export interface ResourceStorage {
  columns: Readonly<Record<string, SqlColumn>>;
  /** The JSONB column holding every other attribute, keyed by canonical name (extensions by URN). */
  data: string;
  /** By attribute name: `members` (Groups), `groups` (Users). */
  relations?: Readonly<Record<string, RelationAttribute>>;
  /** Canonical paths that exist but cannot be filtered on (e.g. `meta.location`, built from the URL). */
  unfilterable?: readonly string[];
  /** The id column, for the tie-break of every ordering. */
  id: string;
  /**
   * GIN-indexed expressions holding the lower-cased values of a multi-valued sub-attribute as a JSON
   * array (e.g. `emails.value`); an `eq` on it is answered through the index first.
   */
  valueIndexes?: Readonly<Record<string, string>>;
  /** The server's lookup index, when it is ready: `eq` on a keyed attribute is answered through it first. */
  lookup?: LookupIndex;
}

/** A GIN-indexed text array of lookup keys (see lookup-keys.ts) and the attributes keyed in it. */
export interface LookupIndex {
  column: string;
  prefix: string;
  /** By canonical path, lower-cased. */
  attributes: ReadonlyMap<string, LookupAttribute>;
}

const withIndex = new WeakMap<ResourceStorage, WeakMap<LookupSpec, ResourceStorage>>();

/** The storage with the server's lookup index in `column`, when its spec is ready; the same object for the same spec. */
export function withLookup(storage: ResourceStorage, spec: LookupSpec, column: string): ResourceStorage {
  if (!spec.ready || spec.attributes.length === 0) return storage;
  let bySpec = withIndex.get(storage);
  if (!bySpec) withIndex.set(storage, (bySpec = new WeakMap()));
  let extended = bySpec.get(spec);
  if (!extended) {
    extended = Object.freeze({
      ...storage,
      lookup: { column, prefix: spec.prefix, attributes: new Map(spec.attributes.map((a) => [a.canonical, a])) },
    });
    bySpec.set(spec, extended);
  }
  return extended;
}
