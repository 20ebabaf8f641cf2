import { etagOf, resourceLocation } from './locations';

describe('resourceLocation', () => {
  it.each([
    ['https://scim.example.com', 's1', 'Users', 'u1', 'https://scim.example.com/scim/v2/s1/Users/u1'],
    [
      'http://localhost:3000',
      '2819c223-7f76-453a-919d-413861904646',
      'Groups',
      'g-9',
      'http://localhost:3000/scim/v2/2819c223-7f76-453a-919d-413861904646/Groups/g-9',
    ],
    ['https://h/base', 'srv', 'Users', 'x', 'https://h/base/scim/v2/srv/Users/x'],
  ] as const)('builds under %s for server %s, %s %s', (publicUrl, serverId, endpoint, id, expected) => {
    expect(resourceLocation(publicUrl, serverId, endpoint, id)).toBe(expected);
  });
});

describe('etagOf', () => {
  it.each([
    [1, 'W/"1"'],
    [0, 'W/"0"'],
    [42, 'W/"42"'],
  ])('writes version %i as the weak ETag %s', (version, expected) => {
    expect(etagOf(version)).toBe(expected);
  });
});
