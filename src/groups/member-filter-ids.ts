import { isUuid } from '../common/uuid';
import { Filter } from '../scim/filter';
import { chainOperands } from '../scim/filter/traverse';

/**
 * The member ids a `members[…]` filter names when it is `value eq "<id>"` or an `or` of such (Entra's
 * `members[value eq "…"]`); undefined for any other filter.
 */
export function memberIdsOfFilter(filter: Filter): string[] | undefined {
  const terms = filter.kind === 'or' ? chainOperands(filter) : [filter];
  const ids: string[] = [];
  for (const term of terms) {
    if (
      term.kind !== 'compare' ||
      term.op !== 'eq' ||
      term.path.uri !== undefined ||
      term.path.sub !== undefined ||
      term.path.attr.toLowerCase() !== 'value'
    )
      return undefined;
    if (!isUuid(term.value)) return undefined;
    ids.push((term.value as string).toLowerCase());
  }
  return ids;
}
