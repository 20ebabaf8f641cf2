import { ScimError, ScimType } from './scim-error';

describe('ScimError', () => {
  it.each<[number, ScimType | undefined]>([
    [400, 'invalidFilter'],
    [400, 'tooMany'],
    [400, 'mutability'],
    [400, 'invalidSyntax'],
    [400, 'invalidPath'],
    [400, 'noTarget'],
    [400, 'invalidValue'],
    [400, 'invalidVers'],
    [409, 'uniqueness'],
    [403, 'sensitive'],
    [404, undefined],
    [500, undefined],
  ])('constructs %i with scimType %s', (status, scimType) => {
    const error = new ScimError(status, scimType, 'the detail');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ScimError);
    expect(error.name).toBe('ScimError');
    expect(error.message).toBe('the detail');
    expect(error.status).toBe(status);
    expect(error.scimType).toBe(scimType);
    expect(error.detail).toBe('the detail');
    expect(error.headers).toEqual({});
  });

  it('keeps extra headers', () => {
    const error = new ScimError(401, undefined, 'Authentication required', {
      'WWW-Authenticate': 'Bearer realm="scim"',
    });
    expect(error.status).toBe(401);
    expect(error.headers).toEqual({ 'WWW-Authenticate': 'Bearer realm="scim"' });
  });

  it.each<[number, ScimType | undefined, string]>([
    [409, 'invalidFilter', 'ScimError: scimType invalidFilter goes with status 400, not 409'],
    [400, 'uniqueness', 'ScimError: scimType uniqueness goes with status 409, not 400'],
    [400, 'sensitive', 'ScimError: scimType sensitive goes with status 403, not 400'],
    [404, 'noTarget', 'ScimError: scimType noTarget goes with status 400, not 404'],
    [200, undefined, 'ScimError: 200 is not an error status'],
    [600, undefined, 'ScimError: 600 is not an error status'],
    [400.5, undefined, 'ScimError: 400.5 is not an error status'],
  ])('refuses status %s with scimType %s', (status, scimType, message) => {
    expect(() => new ScimError(status, scimType, 'x')).toThrow(new TypeError(message));
    expect(() => new ScimError(status, scimType, 'x')).toThrow(TypeError);
  });

  describe('helpers', () => {
    it('badRequest gives 400 with the scimType', () => {
      const error = ScimError.badRequest('invalidFilter', 'bad filter');
      expect([error.status, error.scimType, error.detail, error.headers]).toEqual([
        400,
        'invalidFilter',
        'bad filter',
        {},
      ]);
    });

    it('badRequest refuses a scimType of another status', () => {
      expect(() => ScimError.badRequest('uniqueness', 'x')).toThrow(TypeError);
    });

    it('notFound gives 404 without scimType', () => {
      const error = ScimError.notFound('Resource 42 not found');
      expect([error.status, error.scimType, error.detail, error.headers]).toEqual([
        404,
        undefined,
        'Resource 42 not found',
        {},
      ]);
    });

    it('conflict gives 409 uniqueness', () => {
      const error = ScimError.conflict('userName taken');
      expect([error.status, error.scimType, error.detail, error.headers]).toEqual([
        409,
        'uniqueness',
        'userName taken',
        {},
      ]);
    });
  });
});
