import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { patchUser, user } from './patch.fixture';

describe('applyPatch: add (RFC 7644 §3.5.2.1)', () => {
  it('sets an absent single-valued attribute', () => {
    expect(patchUser(user(), { op: 'add', path: 'nickName', value: 'Babs' }).resource.nickName).toBe('Babs');
  });

  it('replaces the value of a single-valued attribute', () => {
    expect(patchUser(user(), { op: 'add', path: 'displayName', value: 'Barbara' }).resource.displayName).toBe(
      'Barbara',
    );
  });

  it('stores the canonical name for a path written in another case', () => {
    const result = patchUser(user(), { op: 'add', path: 'NICKNAME', value: 'Babs' }).resource;
    expect(Object.keys(result).filter((key) => key.toLowerCase() === 'nickname')).toEqual(['nickName']);
  });

  it('merges the sub-attributes of a complex attribute', () => {
    const result = patchUser(user(), { op: 'add', path: 'name', value: { GivenName: 'Babs', middleName: 'Jane' } });
    expect(result.resource.name).toEqual({ givenName: 'Babs', familyName: 'Jensen', middleName: 'Jane' });
  });

  it('sets a sub-attribute by path, creating the complex value when absent', () => {
    const noName = user();
    delete noName.name;
    expect(patchUser(noName, { op: 'add', path: 'name.familyName', value: 'Jensen' }).resource.name).toEqual({
      familyName: 'Jensen',
    });
  });

  it('appends a single element (not wrapped in an array) to a multi-valued attribute', () => {
    const result = patchUser(user(), { op: 'add', path: 'emails', value: { Value: 'b@example.org', Type: 'other' } });
    expect((result.resource.emails as unknown[])[2]).toEqual({ value: 'b@example.org', type: 'other' });
  });

  it('creates an absent multi-valued attribute', () => {
    const result = patchUser(user(), {
      op: 'add',
      path: 'phoneNumbers',
      value: [{ value: '555-555-5555', type: 'work' }],
    });
    expect(result.resource.phoneNumbers).toEqual([{ value: '555-555-5555', type: 'work' }]);
  });

  it('drops elements equal to an existing one, comparing case-insensitively when not caseExact', () => {
    const result = patchUser(user(), {
      op: 'add',
      path: 'emails',
      value: [{ value: 'BABS@JENSEN.ORG', type: 'Home' }, { value: 'n@example.org' }],
    });
    expect(result.resource.emails).toEqual([...(user().emails as unknown[]), { value: 'n@example.org' }]);
  });

  it('drops duplicates within the added values', () => {
    const result = patchUser(user(), {
      op: 'add',
      path: 'ims',
      value: [
        { value: 'babs', type: 'aim' },
        { value: 'Babs', type: 'AIM' },
      ],
    });
    expect(result.resource.ims).toEqual([{ value: 'babs', type: 'aim' }]);
  });

  it('keeps an element that differs in a caseExact sub-attribute', () => {
    const cert = 'MIIDQzCCAqyg';
    const result = patchUser(
      { ...user(), x509Certificates: [{ value: cert }] },
      { op: 'add', path: 'x509Certificates', value: [{ value: cert.toLowerCase() }] },
    );
    expect(result.resource.x509Certificates).toEqual([{ value: cert }, { value: cert.toLowerCase() }]);
  });

  it('adds nothing for a null value on a multi-valued attribute', () => {
    const result = patchUser(user(), { op: 'add', path: 'emails', value: null });
    expect(result.resource.emails).toEqual(user().emails);
    expect(result.changed).toBe(false);
  });

  it('removes a single-valued attribute given null (null is "unassigned")', () => {
    expect(patchUser(user(), { op: 'add', path: 'displayName', value: null }).resource).not.toHaveProperty(
      'displayName',
    );
  });

  it('keeps an empty string as a value (the normalizer decides about it)', () => {
    expect(patchUser(user(), { op: 'add', path: 'displayName', value: '' }).resource.displayName).toBe('');
  });

  it('sets a sub-attribute of every element matched by a value filter', () => {
    const result = patchUser(user(), { op: 'add', path: 'addresses[locality eq "hollywood"].region', value: 'CA' });
    expect((result.resource.addresses as Array<Record<string, unknown>>).map((a) => a.region)).toEqual(['CA', 'CA']);
  });

  it('merges an object into the elements matched by a value filter without a sub-attribute', () => {
    const result = patchUser(user(), { op: 'add', path: 'emails[type eq "home"]', value: { display: 'Home' } });
    expect((result.resource.emails as unknown[])[1]).toEqual({
      value: 'babs@jensen.org',
      type: 'home',
      display: 'Home',
    });
  });

  it('fails with 400 noTarget when the value filter matches nothing (strict RFC)', () => {
    expect(
      thrown(() => patchUser(user(), { op: 'add', path: 'emails[type eq "other"].value', value: 'o@example.org' })),
    ).toEqual([
      400,
      'noTarget',
      'Operations[0]: No value of "emails" matches the filter of path "emails[type eq "other"].value"',
    ]);
  });

  it('adds path-less attributes, ignoring readOnly and unknown ones (Okta sends id, meta, schemas)', () => {
    const result = patchUser(user(), {
      op: 'add',
      value: {
        id: 'other',
        Meta: { version: 'x' },
        schemas: ['urn:x'],
        groups: [{ value: 'g' }],
        title: 'Guide',
        shoeSize: 42,
      },
    });
    expect(result.resource.id).toBe(user().id);
    expect(result.resource.meta).toEqual(user().meta);
    expect(result.resource.schemas).toEqual(user().schemas);
    expect(result.resource).not.toHaveProperty('groups');
    expect(result.resource).not.toHaveProperty('shoeSize');
    expect(result.resource.title).toBe('Guide');
    expect(result.ignored).toEqual(['id', 'Meta', 'schemas', 'groups', 'shoeSize']);
  });

  it('adds a path-less dotted key as a sub-attribute (name.givenName)', () => {
    const result = patchUser(user(), {
      op: 'add',
      value: { 'name.givenName': 'Babs', 'emails.value': 'x@example.org' },
    });
    expect(result.resource.name).toEqual({ givenName: 'Babs', familyName: 'Jensen' });
    expect(result.resource.emails).toEqual(user().emails);
    expect(result.ignored).toEqual(['emails.value']);
  });

  it('refuses a path-less value that is not an object with 400 invalidValue', () => {
    expect(thrown(() => patchUser(user(), { op: 'add', value: 'Babs' }))).toEqual([
      400,
      'invalidValue',
      'Operations[0]: "value" must be an object of attributes when "path" is omitted',
    ]);
  });

  it('refuses a non-object value for a complex attribute with 400 invalidValue', () => {
    expect(thrown(() => patchUser(user(), { op: 'add', path: 'name', value: 'Babs Jensen' }))).toEqual([
      400,
      'invalidValue',
      'Operations[0]: The value of "name" must be an object of its sub-attributes',
    ]);
  });
});
