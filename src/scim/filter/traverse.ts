import { Filter } from './ast';

/** An `and` or `or` node. */
export type LogicalFilter = Extract<Filter, { kind: 'and' | 'or' }>;

/**
 * The operands of a chain of one logical operator, in source order: `a or b or c` (parsed
 * left-associatively as `or(or(a, b), c)`) gives `[a, b, c]`. Iterative, so that walkers handle a
 * 1000-term chain without a 1000-frame recursion; an operand is never an unparenthesized node of the
 * same kind on the left spine (a right operand of the same kind came from parentheses and is kept).
 */
export function chainOperands(filter: LogicalFilter): Filter[] {
  const rights: Filter[] = [];
  let node: Filter = filter;
  while (node.kind === filter.kind) {
    const logical = node as LogicalFilter;
    rights.push(logical.right);
    node = logical.left;
  }
  rights.push(node);
  return rights.reverse();
}
