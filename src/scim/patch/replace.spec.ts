import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { patchUser, user } from './patch.fixture';

describe('applyPatch: replace (RFC 7644 §3.5.2.3)', () => {
  it('replaces a single-valued attribute', () => {
    expect(patchUser(user(), { op: 'replace', path: 'displayName', value: 'Barbara' }).resource.displayName).toBe(
      'Barbara',
    );
  });

  it('treats replace of an absent attribute as add', () => {
    expect(patchUser(user(), { op: 'replace', path: 'title', value: 'Tour Guide' }).resource.title).toBe('Tour Guide');
  });

  it('leaves sub-attributes not in the value unchanged on a complex attribute', () => {
    const result = patchUser(user(), { op: 'replace', path: 'name', value: { givenName: 'Babs' } });
    expect(result.resource.name).toEqual({ givenName: 'Babs', familyName: 'Jensen' });
  });

  it('removes a sub-attribute given null inside a complex value', () => {
    const result = patchUser(user(), { op: 'replace', path: 'name', value: { givenName: null, formatted: 'Jensen' } });
    expect(result.resource.name).toEqual({ familyName: 'Jensen', formatted: 'Jensen' });
  });

  it('replaces a sub-attribute by path', () => {
    const result = patchUser(user(), { op: 'replace', path: 'name.givenName', value: 'Babs' });
    expect(result.resource.name).toEqual({ givenName: 'Babs', familyName: 'Jensen' });
  });

  it('replaces the whole list of a multi-valued attribute without a filter', () => {
    const result = patchUser(user(), {
      op: 'replace',
      path: 'emails',
      value: [{ value: 'new@example.org', type: 'work' }],
    });
    expect(result.resource.emails).toEqual([{ value: 'new@example.org', type: 'work' }]);
  });

  it('replaces a multi-valued attribute with a single element wrapped into a list', () => {
    const result = patchUser(user(), { op: 'replace', path: 'emails', value: { value: 'new@example.org' } });
    expect(result.resource.emails).toEqual([{ value: 'new@example.org' }]);
  });

  it('merges the value into every element matched by a value filter', () => {
    const result = patchUser(user(), {
      op: 'replace',
      path: 'addresses[locality eq "Hollywood"]',
      value: { region: 'CA', locality: 'LA' },
    });
    expect(
      (result.resource.addresses as Array<Record<string, unknown>>).map((a) => [a.type, a.locality, a.region]),
    ).toEqual([
      ['work', 'LA', 'CA'],
      ['home', 'LA', 'CA'],
    ]);
  });

  it('fails with 400 noTarget when the value filter matches nothing', () => {
    expect(
      thrown(() =>
        patchUser(user(), { op: 'replace', path: 'addresses[type eq "other"]', value: { locality: 'Rochester' } }),
      ),
    ).toEqual([
      400,
      'noTarget',
      'Operations[0]: No value of "addresses" matches the filter of path "addresses[type eq "other"]"',
    ]);
  });

  it('fails with 400 noTarget for a sub-attribute path when the attribute is absent', () => {
    const bare = user();
    delete bare.addresses;
    expect(
      thrown(() => patchUser(bare, { op: 'replace', path: 'addresses[type eq "work"].locality', value: 'Rochester' })),
    ).toEqual([
      400,
      'noTarget',
      'Operations[0]: No value of "addresses" matches the filter of path "addresses[type eq "work"].locality"',
    ]);
  });

  it('removes an attribute replaced with null', () => {
    expect(patchUser(user(), { op: 'replace', path: 'displayName', value: null }).resource).not.toHaveProperty(
      'displayName',
    );
  });

  it('removes a multi-valued attribute replaced with an empty list', () => {
    expect(patchUser(user(), { op: 'replace', path: 'emails', value: [] }).resource).not.toHaveProperty('emails');
  });

  it('removes a multi-valued attribute replaced with a list of nulls', () => {
    expect(patchUser(user(), { op: 'replace', path: 'emails', value: [null] }).resource).not.toHaveProperty('emails');
  });

  it('removes the matched elements when a filtered replace gives null', () => {
    const result = patchUser(user(), { op: 'replace', path: 'emails[type eq "work"]', value: null });
    expect(result.resource.emails).toEqual([{ value: 'babs@jensen.org', type: 'home' }]);
  });

  it('replaces path-less attributes with replace rules (lists whole, complex merged, null removes)', () => {
    const result = patchUser(user(), {
      op: 'replace',
      value: {
        emails: [{ value: 'only@example.org' }],
        NAME: { middleName: 'Jane' },
        displayName: null,
        active: false,
      },
    });
    expect(result.resource.emails).toEqual([{ value: 'only@example.org' }]);
    expect(result.resource.name).toEqual({ givenName: 'Barbara', familyName: 'Jensen', middleName: 'Jane' });
    expect(result.resource).not.toHaveProperty('displayName');
    expect(result.resource.active).toBe(false);
  });

  it('accepts core-URN-qualified keys in a path-less value', () => {
    const result = patchUser(user(), {
      op: 'replace',
      value: { 'urn:ietf:params:scim:schemas:core:2.0:User:userName': 'babs' },
    });
    expect(result.resource.userName).toBe('babs');
  });

  it('refuses a non-object value for a filter without a sub-attribute with 400 invalidValue', () => {
    expect(
      thrown(() => patchUser(user(), { op: 'replace', path: 'emails[type eq "work"]', value: 'x@example.org' })),
    ).toEqual([
      400,
      'invalidValue',
      'Operations[0]: The value for path "emails[type eq "work"]" must be an object of sub-attributes of "emails"',
    ]);
  });
});
