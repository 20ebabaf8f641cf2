import { jsonDepthDetail, jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-depth';

describe('jsonNestsDeeperThan', () => {
  const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}1${close.repeat(depth)}`;

  it('accepts up to the limit and refuses one level more, for arrays, objects and both', () => {
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonNestsDeeperThan(nested(3, '{"a":', '}'), 3)).toBe(false);
    expect(jsonNestsDeeperThan(nested(4, '{"a":', '}'), 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
  });

  it('counts depth, not brackets: siblings do not add up', () => {
    expect(jsonNestsDeeperThan(`[${Array.from({ length: 10_000 }, () => '[[1]]').join(',')}]`, 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(`{"a":"${'['.repeat(1000)}"}`, 2)).toBe(false);
    expect(jsonNestsDeeperThan(`{"a":"\\"${'{'.repeat(1000)}"}`, 2)).toBe(false);
    expect(jsonNestsDeeperThan(`{"a":"\\\\","b":[[[1]]]}`, 3)).toBe(true);
  });

  it('scans a million levels without overflowing the stack', () => {
    expect(jsonNestsDeeperThan(nested(1_000_000))).toBe(true);
  });

  it('names the limit', () => {
    expect(jsonDepthDetail()).toBe(
      'The request body nests objects and arrays deeper than 64 levels, the most this server accepts; flatten it',
    );
  });
});
