import { Filter, chainOperands, findByName } from '../filter';
import { AttributeDefinition } from '../schemas/types';

/**
 * The element a value filter describes, for {@link ApplyOptions.createMissingFilterTarget}: the
 * filter must be one `eq` comparison with a non-null literal, or an `and` of such comparisons, on
 * sub-attributes of `def` (`type eq "work" and primary eq true` → `{ type: 'work', primary: true }`,
 * names canonical). Undefined for anything else (`or`, `not`, `co`, `pr`, `eq null`, a sub-attribute
 * named twice with different values).
 */
export function elementFromFilter(filter: Filter, def: AttributeDefinition): Record<string, unknown> | undefined {
  const element: Record<string, unknown> = {};
  const pending: Filter[] = [filter];
  for (let term = pending.pop(); term !== undefined; term = pending.pop()) {
    if (term.kind === 'and') {
      pending.push(...chainOperands(term));
      continue;
    }
    if (
      term.kind !== 'compare' ||
      term.op !== 'eq' ||
      term.value === null ||
      term.path.uri !== undefined ||
      term.path.sub !== undefined
    ) {
      return undefined;
    }
    const sub = findByName(def.subAttributes ?? [], term.path.attr);
    if (sub === undefined) {
      return undefined;
    }
    if (sub.name in element && element[sub.name] !== term.value) {
      return undefined;
    }
    element[sub.name] = term.value;
  }
  return element;
}
