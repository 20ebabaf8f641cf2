import { ScimError } from '../scim/errors/scim-error';
import { tooManyRequests } from './too-many-requests';

describe('tooManyRequests', () => {
  it('is a SCIM 429 without scimType, with Retry-After in whole seconds', () => {
    const error = tooManyRequests('slow down', 3);
    expect(error).toBeInstanceOf(ScimError);
    expect([error.status, error.scimType, error.detail, error.headers]).toEqual([
      429,
      undefined,
      'slow down',
      { 'retry-after': '3' },
    ]);
  });

  it.each([
    [0, '1'],
    [0.2, '1'],
    [1, '1'],
    [1.01, '2'],
    [60, '60'],
  ])('Retry-After for %s s is %s', (seconds, header) => {
    expect(tooManyRequests('x', seconds).headers).toEqual({ 'retry-after': header });
  });

  it('ScimError refuses tooMany with 429 (RFC 7644 pairs it with 400)', () => {
    expect(() => new ScimError(429, 'tooMany', 'x')).toThrow(
      'ScimError: scimType tooMany goes with status 400, not 429',
    );
  });
});
