import { SqlParams } from './params';

/** The order paged through: the sort key's SQL, the id column, the key's type, and the direction. */
export interface KeysetOrder {
  key: string;
  id: string;
  cast: string;
  descending: boolean;
  /** The key is never NULL (a single row comparison then bounds an index scan). */
  notNull?: boolean;
}

/** Where the previous page ended (a decoded cursor). */
export interface KeysetPosition {
  key: string | null;
  id: string;
  direction: 'next' | 'previous';
}

export interface KeysetPage {
  /** Extra condition selecting the rows after/before the position (undefined on the first page). */
  where?: string;
  orderBy: string;
  /** True when rows come in reverse of the requested order and must be reversed after reading. */
  reversed: boolean;
}

/**
 * Keyset (seek) paging on `(key, id)` that neither skips nor repeats rows when others are inserted or
 * deleted meanwhile, and costs the same on page 10,000 as on page 1 when `(key, id)` is indexed.
 * NULL keys sort last ascending and first descending (PostgreSQL's order), so they are handled
 * explicitly (unless the key is `notNull`). `cast` turns the key's text (as stored in the cursor) back
 * into the key's type.
 */
export function keysetPage(order: KeysetOrder, position: KeysetPosition | undefined, params: SqlParams): KeysetPage {
  const { key, id, cast, descending, notNull = false } = order;
  const backwards = position?.direction === 'previous';
  // Reading backwards is reading forwards in the opposite order.
  const desc = descending !== backwards;
  const dir = desc ? 'DESC' : 'ASC';
  const orderBy = `${key} ${dir}, ${id} ${dir}`;
  if (!position) return { orderBy, reversed: false };
  const idParam = `${params.add(position.id)}::uuid`;
  const after = desc ? '<' : '>';
  let where: string;
  if (notNull && position.key !== null) {
    // A key that is never NULL: one row comparison, which a btree index on (…, key, id) answers as
    // its scan's start — the OR form below would be a filter over every row before the page.
    return {
      where: `(${key}, ${id}) ${after} (${params.add(position.key)}::${cast}, ${idParam})`,
      orderBy,
      reversed: backwards,
    };
  }
  if (position.key === null) {
    // NULLs are last in ASC, first in DESC (PostgreSQL). In ASC order past a NULL key only NULLs
    // with a larger id follow; in DESC order every non-NULL key follows the NULLs.
    where = desc
      ? `((${key} IS NULL AND ${id} < ${idParam}) OR ${key} IS NOT NULL)`
      : `(${key} IS NULL AND ${id} > ${idParam})`;
  } else {
    const keyParam = `${params.add(position.key)}::${cast}`;
    const tail = desc ? '' : ` OR ${key} IS NULL`;
    where = `(${key} ${after} ${keyParam} OR (${key} = ${keyParam} AND ${id} ${after} ${idParam})${tail})`;
  }
  return { where, orderBy, reversed: backwards };
}
