import { SortKey } from '../scim/sql/compile-sort';

/** The order of lists without sortBy: creation time, then id (index (server_id, created_at, id)). */
export const CREATION_ORDER: SortKey = { expr: 'r.created_at', cast: 'timestamptz', notNull: true };
