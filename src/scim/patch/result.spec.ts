import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { USER_RESOURCE } from '../resource';
import { applyPatch } from './apply';
import { ops, patchUser, user } from './patch.fixture';

/** Freezes a JSON value and everything in it, so that any write to the input throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const primaries = (list: unknown) => (list as Array<Record<string, unknown>>).map((e) => e.primary);

describe('applyPatch: atomicity (RFC 7644 §3.5.2)', () => {
  it('never modifies the input, even when frozen', () => {
    const input = deepFreeze(user());
    const result = applyPatch(
      input,
      ops({ op: 'replace', path: 'name.givenName', value: 'Babs' }, { op: 'remove', path: 'emails' }),
      USER_RESOURCE,
    );
    expect(result.resource.name).toEqual({ givenName: 'Babs', familyName: 'Jensen' });
    expect(input).toEqual(user());
  });

  it('throws the first error, naming the operation, and leaves the input unchanged when the 3rd operation fails', () => {
    const input = user();
    expect(
      thrown(() =>
        patchUser(
          input,
          { op: 'replace', path: 'displayName', value: 'X' },
          { op: 'add', path: 'emails', value: [{ value: 'x@example.org' }] },
          { op: 'replace', path: 'id', value: 'y' },
        ),
      ),
    ).toEqual([400, 'mutability', 'Operations[2]: Attribute "id" is readOnly and cannot be modified']);
    expect(input).toEqual(user());
  });

  it('applies operations in order: later ones see earlier results', () => {
    const result = patchUser(
      user(),
      { op: 'add', path: 'emails', value: [{ value: 'n@example.org', type: 'other' }] },
      { op: 'replace', path: 'emails[type eq "other"].display', value: 'N' },
    );
    expect((result.resource.emails as unknown[])[2]).toEqual({ value: 'n@example.org', type: 'other', display: 'N' });
  });
});

describe('applyPatch: changed', () => {
  it.each([
    [
      'adding an existing value',
      { op: 'add', path: 'emails', value: [{ value: 'BJENSEN@example.com', type: 'work', primary: true }] },
    ],
    ['replacing with the same value', { op: 'replace', path: 'displayName', value: 'Babs Jensen' }],
    [
      'replacing a complex value with the same sub-attributes',
      { op: 'replace', path: 'name', value: { givenName: 'Barbara' } },
    ],
    ['removing an absent attribute', { op: 'remove', path: 'title' }],
    ['a path-less value of ignored attributes only', { op: 'add', value: { id: 'x', meta: {} } }],
  ])('is false for %s', (_label, operation) => {
    const result = patchUser(user(), operation);
    expect(result.changed).toBe(false);
    expect(result.resource).toEqual(user());
  });

  it('is false when a later operation restores what an earlier one removed', () => {
    const result = patchUser(
      user(),
      { op: 'remove', path: 'displayName' },
      { op: 'add', path: 'displayName', value: 'Babs Jensen' },
    );
    expect(result.changed).toBe(false);
  });

  it('is false when an empty list becomes absent (the same state, RFC 7643 §2.5)', () => {
    const result = patchUser({ ...user(), phoneNumbers: [] }, { op: 'remove', path: 'phoneNumbers' });
    expect(result.changed).toBe(false);
  });

  it('is true for a change in letter case', () => {
    expect(patchUser(user(), { op: 'replace', path: 'displayName', value: 'BABS JENSEN' }).changed).toBe(true);
  });

  it('reports each ignored attribute once', () => {
    expect(
      patchUser(user(), { op: 'add', value: { id: 'x' } }, { op: 'replace', value: { id: 'y', foo: 1 } }).ignored,
    ).toEqual(['id', 'foo']);
  });
});

describe('applyPatch: one primary value (RFC 7644 §3.5.2)', () => {
  it('demotes the other primary when an added element is primary', () => {
    const result = patchUser(user(), { op: 'add', path: 'emails', value: [{ value: 'n@example.org', primary: true }] });
    expect(primaries(result.resource.emails)).toEqual([false, undefined, true]);
  });

  it('demotes the other primary when a filtered replace sets primary', () => {
    const result = patchUser(user(), { op: 'replace', path: 'emails[type eq "home"].primary', value: true });
    expect(primaries(result.resource.emails)).toEqual([false, true]);
  });

  it('demotes on a path-less add to a multi-valued attribute', () => {
    const result = patchUser(user(), {
      op: 'add',
      value: { addresses: [{ type: 'other', locality: 'Paris', primary: true }] },
    });
    expect(primaries(result.resource.addresses)).toEqual([false, undefined, true]);
  });

  it('leaves the others alone when the written element is not primary', () => {
    const result = patchUser(user(), {
      op: 'add',
      path: 'emails',
      value: [{ value: 'n@example.org', primary: false }],
    });
    expect(primaries(result.resource.emails)).toEqual([true, undefined, false]);
  });

  it('keeps a replaced list as given (the normalizer refuses two primaries)', () => {
    const emails = [
      { value: 'a@example.org', primary: true },
      { value: 'b@example.org', primary: true },
    ];
    expect(patchUser(user(), { op: 'replace', path: 'emails', value: emails }).resource.emails).toEqual(emails);
  });
});
