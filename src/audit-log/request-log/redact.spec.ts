import { mayHoldSecrets, REDACTED, redact, redactedJson, redactUrl } from './redact';

describe('redact', () => {
  it('replaces password, token and secret members at any depth, case-insensitively', () => {
    const body = {
      userName: 'jdoe',
      password: 'p@ss',
      name: { givenName: 'J', Password: 'x' },
      emails: [{ value: 'j@x', secret: 's' }],
      ext: { clientSecret: 'c', access_token: 't', refreshToken: 'r', apiKey: 'k' },
    };
    expect(redact(body)).toEqual({
      userName: 'jdoe',
      password: REDACTED,
      name: { givenName: 'J', Password: REDACTED },
      emails: [{ value: 'j@x', secret: REDACTED }],
      ext: { clientSecret: REDACTED, access_token: REDACTED, refreshToken: REDACTED, apiKey: REDACTED },
    });
    expect(body.password).toBe('p@ss');
  });

  it('replaces the value of a PATCH operation whose path is a password (Okta path-less and pathed shapes)', () => {
    const patch = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'password', value: 'one' },
        { op: 'Replace', Path: 'urn:ietf:params:scim:schemas:core:2.0:User:password', Value: 'two' },
        { op: 'replace', value: { password: 'three', active: true } },
        { op: 'replace', path: 'name.givenName', value: 'Kept' },
      ],
    };
    expect(redact(patch)).toEqual({
      schemas: patch.schemas,
      Operations: [
        { op: 'replace', path: 'password', value: REDACTED },
        { op: 'Replace', Path: 'urn:ietf:params:scim:schemas:core:2.0:User:password', Value: REDACTED },
        { op: 'replace', value: { password: REDACTED, active: true } },
        { op: 'replace', path: 'name.givenName', value: 'Kept' },
      ],
    });
  });

  it('keeps null passwords null and leaves scalars and arrays alone', () => {
    expect(redact({ password: null })).toEqual({ password: null });
    expect(redact([1, 'a', null])).toEqual([1, 'a', null]);
    expect(redact('password')).toBe('password');
  });
});

describe('redactUrl', () => {
  it('replaces secret-named query parameters and keeps the rest as sent', () => {
    expect(redactUrl('/scim/v2/Users?filter=userName%20eq%20%22a%22&access_token=abc&count=2')).toBe(
      '/scim/v2/Users?filter=userName%20eq%20%22a%22&access_token=%5Bredacted%5D&count=2',
    );
    expect(redactUrl('/scim/v2/Users')).toBe('/scim/v2/Users');
  });

  it('redacts the value compared with a secret in a filter, and custom returned:never attributes given', () => {
    expect(redactUrl('/scim/v2/Users?filter=password%20eq%20%22hunter2%22&count=2')).toBe(
      '/scim/v2/Users?filter=password%20eq%20"[redacted]"&count=2',
    );
    expect(redactUrl('/scim/v2/Users?FILTER=password+eq+"a%26b"')).toBe(
      '/scim/v2/Users?FILTER=password%20eq%20"[redacted]"',
    );
    expect(redactUrl('/scim/v2/Users?filter=pin%20eq%20%221234%22', new Set(['pin']))).toBe(
      '/scim/v2/Users?filter=pin%20eq%20"[redacted]"',
    );
    expect(redactUrl('/scim/v2/Users?filter=pin%20eq%20%221234%22')).toBe(
      '/scim/v2/Users?filter=pin%20eq%20%221234%22',
    );
  });
});

describe('redact: filters in bodies', () => {
  it('redacts comparisons on secrets in a filter or path member, and members named as extra secrets', () => {
    expect(redact({ filter: 'password eq "x" and userName eq "a"' })).toEqual({
      filter: 'password eq "[redacted]" and userName eq "a"',
    });
    expect(
      redact(
        { Operations: [{ op: 'replace', path: 'urn:x:pin', value: '1234' }], pin: '1', PIN: '2' },
        new Set(['pin']),
      ),
    ).toEqual({
      Operations: [{ op: 'replace', path: 'urn:x:pin', value: '[redacted]' }],
      pin: '[redacted]',
      PIN: '[redacted]',
    });
    expect(mayHoldSecrets('{"Pin":"1"}', new Set(['pin']))).toBe(true);
  });
});

describe('redactedJson', () => {
  it('is the plain JSON text when no member or path can name a secret, the redacted one otherwise', () => {
    const plain = { userName: 'jdoe', emails: [{ value: 'j@x' }] };
    expect(redactedJson(plain)).toBe(JSON.stringify(plain));
    expect(redactedJson({ userName: 'jdoe', password: 'x' })).toBe('{"userName":"jdoe","password":"[redacted]"}');
    expect(redactedJson({ Operations: [{ op: 'replace', path: 'password', value: 'x' }] })).toBe(
      '{"Operations":[{"op":"replace","path":"password","value":"[redacted]"}]}',
    );
    expect(redactedJson({ pwd: 'x' })).toBe('{"pwd":"[redacted]"}');
    expect(mayHoldSecrets('{"userName":"jdoe"}')).toBe(false);
  });
});
