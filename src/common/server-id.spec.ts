import { requireServerId } from './server-id';

describe('requireServerId', () => {
  it('returns a server id', () => {
    expect(requireServerId('3c8b1f2e-0000-4000-8000-000000000001')).toBe('3c8b1f2e-0000-4000-8000-000000000001');
  });

  it.each([[''], [undefined], [null]])(
    'refuses %p with a plain Error (a programming error, not a client error)',
    (id) => {
      expect(() => requireServerId(id as unknown as string)).toThrow(
        new Error('a SCIM repository was called without a server id'),
      );
    },
  );
});
