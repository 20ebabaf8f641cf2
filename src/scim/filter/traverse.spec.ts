import { Filter } from './ast';
import { parseFilter } from './parser';
import { LogicalFilter, chainOperands } from './traverse';

const present = (attr: string, pos: number): Filter => ({ kind: 'present', path: { attr, pos, text: attr }, pos });

describe('chainOperands', () => {
  it('lists the operands of a left-associative chain in source order', () => {
    const filter = parseFilter('a pr or b pr or c pr') as LogicalFilter;
    expect(chainOperands(filter)).toEqual([present('a', 0), present('b', 8), present('c', 16)]);
  });

  it('stops at operands of another operator and keeps parenthesized right operands whole', () => {
    const filter = parseFilter('a pr and b pr or (c pr or d pr)') as LogicalFilter;
    expect(chainOperands(filter)).toEqual([
      { kind: 'and', left: present('a', 0), right: present('b', 9), pos: 5 },
      { kind: 'or', left: present('c', 18), right: present('d', 26), pos: 23 },
    ]);
  });
});
