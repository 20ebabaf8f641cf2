import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { USER_RESOURCE } from '../resource';
import { applyPatch } from './apply';
import { REJECTING, ops, BABS, group, patchGroup, patchUser, user } from './patch.fixture';

describe('applyPatch: remove (RFC 7644 §3.5.2.2)', () => {
  it('removes a single-valued attribute', () => {
    expect(patchUser(user(), { op: 'remove', path: 'displayName' }).resource).not.toHaveProperty('displayName');
  });

  it('removes a sub-attribute of a complex attribute', () => {
    expect(patchUser(user(), { op: 'remove', path: 'name.givenName' }).resource.name).toEqual({ familyName: 'Jensen' });
  });

  it('removes the complex attribute when its last sub-attribute goes', () => {
    const result = patchUser(
      user(),
      { op: 'remove', path: 'name.givenName' },
      { op: 'remove', path: 'Name.FamilyName' },
    );
    expect(result.resource).not.toHaveProperty('name');
  });

  it('removes a whole multi-valued attribute', () => {
    expect(patchUser(user(), { op: 'remove', path: 'emails' }).resource).not.toHaveProperty('emails');
  });

  it('removes the elements matched by a value filter', () => {
    const result = patchUser(user(), { op: 'remove', path: 'emails[value ew "JENSEN.ORG"]' });
    expect(result.resource.emails).toEqual([{ value: 'bjensen@example.com', type: 'work', primary: true }]);
  });

  it('leaves the attribute unassigned when the filter matched every element', () => {
    expect(patchUser(user(), { op: 'remove', path: 'emails[value pr]' }).resource).not.toHaveProperty('emails');
  });

  it('changes nothing when the filter matches nothing (not an error)', () => {
    const result = patchUser(user(), { op: 'remove', path: 'emails[type eq "other"]' });
    expect(result.resource).toEqual(user());
    expect(result.changed).toBe(false);
  });

  it('removes a sub-attribute of the elements matched by a filter', () => {
    const result = patchUser(user(), { op: 'remove', path: 'emails[type eq "work"].primary' });
    expect(result.resource.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work' },
      { value: 'babs@jensen.org', type: 'home' },
    ]);
  });

  it('removes the elements equal by "value" to the given ones', () => {
    const result = patchUser(user(), {
      op: 'remove',
      path: 'emails',
      value: [{ Value: 'BABS@jensen.org' }, { value: 'absent@example.org' }],
    });
    expect(result.resource.emails).toEqual([{ value: 'bjensen@example.com', type: 'work', primary: true }]);
  });

  it('removes group members given as a value list when members are not deferred (Entra ID)', () => {
    const result = patchGroup(group(), { op: 'Remove', path: 'members', value: [{ value: BABS }] });
    expect(result.resource).not.toHaveProperty('members');
  });

  it('ignores a remove value on a single-valued attribute', () => {
    expect(patchUser(user(), { op: 'remove', path: 'displayName', value: 'Someone else' }).resource).not.toHaveProperty(
      'displayName',
    );
  });

  it('refuses a remove value element that is not an object for a complex attribute', () => {
    expect(thrown(() => patchUser(user(), { op: 'remove', path: 'emails', value: ['babs@jensen.org'] }))).toEqual([
      400,
      'invalidValue',
      'Operations[0]: Element 0 of the value to remove from "emails" must be an object',
    ]);
  });

  it('changes nothing when the attribute is absent', () => {
    const result = patchUser(
      user(),
      { op: 'remove', path: 'nickName' },
      { op: 'remove', path: 'phoneNumbers[type eq "work"]' },
    );
    expect(result.resource).toEqual(user());
    expect(result.changed).toBe(false);
  });

  it('refuses attr.sub on a multi-valued attribute without a filter with 400 invalidPath', () => {
    expect(thrown(() => patchUser(user(), { op: 'remove', path: 'emails.type' }))).toEqual([
      400,
      'invalidPath',
      'Operations[0]: Path "emails.type": select values of the multi-valued "emails" with a value filter, e.g. "emails[<filter>].type"',
    ]);
  });

  it('skips an unknown attribute (the ignore policy), or refuses it with 400 invalidPath under reject', () => {
    expect(applyPatch(user(), ops({ op: 'remove', path: 'shoeSize' }), USER_RESOURCE)).toMatchObject({
      changed: false,
      ignored: ['shoeSize'],
      unknown: ['shoeSize'],
    });
    expect(thrown(() => applyPatch(user(), ops({ op: 'remove', path: 'shoeSize' }), REJECTING))).toEqual([
      400,
      'invalidPath',
      'Operations[0]: Unknown attribute "shoeSize" in path',
    ]);
  });

  it('refuses a filter on a single-valued attribute with 400 invalidPath', () => {
    expect(thrown(() => patchUser(user(), { op: 'remove', path: 'name[givenName eq "x"]' }))).toEqual([
      400,
      'invalidPath',
      'Operations[0]: Path "name[givenName eq "x"]": a value filter needs a multi-valued complex attribute, and "name" is not one',
    ]);
  });
});
