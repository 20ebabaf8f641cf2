import { groupBy } from './group-by';

describe('groupBy', () => {
  it('groups items by key, keeping their order within each group and the order keys first appear', () => {
    const grouped = groupBy(
      [
        { k: 'b', n: 1 },
        { k: 'a', n: 2 },
        { k: 'b', n: 3 },
      ],
      (i) => i.k,
    );
    expect([...grouped.entries()]).toEqual([
      [
        'b',
        [
          { k: 'b', n: 1 },
          { k: 'b', n: 3 },
        ],
      ],
      ['a', [{ k: 'a', n: 2 }]],
    ]);
  });

  it('gives an empty map for no items', () => {
    expect(groupBy([], (i: number) => i).size).toBe(0);
  });
});
