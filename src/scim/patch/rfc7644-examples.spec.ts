import { fullUser, tourGuides } from '../resource/rfc7643-examples.fixture';
import { GROUP_RESOURCE } from '../resource';
import { BABS, JAMES, patchGroup, patchUser, patchWith } from './patch.fixture';

/* The PATCH examples of RFC 7644 §3.5.2.1–§3.5.2.3, applied to the RFC 7643 §8 resources. */

const MANDY = '902c246b-6245-4190-8e05-00816be7344a';
const babs = { display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BABS}`, value: BABS };
const james = { display: 'James Smith', $ref: `https://example.com/v2/Users/${JAMES}`, value: JAMES };
const mandy = { value: MANDY, $ref: `https://example.com/v2/Users/${MANDY}`, display: 'Mandy Pepperidge' };
const memberIds = (resource: Record<string, unknown>) =>
  (resource.members as Array<{ value: string }> | undefined)?.map((m) => m.value);

describe('RFC 7644 §3.5.2.1 add', () => {
  it('adds a member to a group', () => {
    const result = patchGroup({ ...tourGuides(), members: [mandy] }, { op: 'add', path: 'members', value: [babs] });
    expect(result.resource.members).toEqual([mandy, babs]);
    expect(result.changed).toBe(true);
  });

  it('adds emails and a nickname without a path ("nickname" matches nickName)', () => {
    const before = fullUser();
    delete before.nickName;
    const result = patchUser(before, {
      op: 'add',
      value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' },
    });
    expect(result.resource.nickName).toBe('Babs');
    expect(result.resource).not.toHaveProperty('nickname');
    // babs@jensen.org (home) is already there: "no changes SHOULD be made" for that value
    expect(result.resource.emails).toEqual(fullUser().emails);
    expect(result.ignored).toEqual([]);
  });

  it('appends an email that is not there yet', () => {
    const result = patchUser(fullUser(), {
      op: 'add',
      value: { emails: [{ value: 'babs@example.org', type: 'other' }] },
    });
    expect(result.resource.emails).toEqual([
      ...(fullUser().emails as unknown[]),
      { value: 'babs@example.org', type: 'other' },
    ]);
  });
});

describe('RFC 7644 §3.5.2.2 remove', () => {
  it('removes all members of a group', () => {
    const result = patchGroup(tourGuides(), { op: 'remove', path: 'members' });
    expect(result.resource).not.toHaveProperty('members');
    expect(result.changed).toBe(true);
  });

  it('removes one member by a value filter', () => {
    const result = patchGroup(tourGuides(), { op: 'remove', path: `members[value eq "${BABS}"]` });
    expect(result.resource.members).toEqual([mandy]);
  });

  it('removes the values matched by a complex filter', () => {
    const result = patchUser(fullUser(), { op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' });
    expect(result.resource.emails).toEqual([{ value: 'babs@jensen.org', type: 'home' }]);
  });

  it('removes two members, one operation each', () => {
    const result = patchGroup(
      tourGuides(),
      { op: 'remove', path: `members[value eq "${BABS}"]` },
      { op: 'remove', path: `members[value eq "${MANDY}"]` },
    );
    expect(result.resource).not.toHaveProperty('members');
  });

  it('replaces all members by a remove followed by an add', () => {
    const result = patchGroup(
      tourGuides(),
      { op: 'remove', path: 'members' },
      { op: 'add', path: 'members', value: [babs, james] },
    );
    expect(memberIds(result.resource)).toEqual([BABS, JAMES]);
  });
});

describe('RFC 7644 §3.5.2.3 replace', () => {
  it('replaces all members of a group', () => {
    const result = patchGroup(tourGuides(), { op: 'replace', path: 'members', value: [babs, james] });
    expect(result.resource.members).toEqual([babs, james]);
  });

  it('replaces the work address selected by a value filter', () => {
    const work = {
      type: 'work',
      streetAddress: '911 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'US',
      formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
      primary: true,
    };
    const result = patchUser(fullUser(), { op: 'replace', path: 'addresses[type eq "work"]', value: work });
    const addresses = result.resource.addresses as unknown[];
    expect(addresses).toEqual([work, (fullUser().addresses as unknown[])[1]]);
  });

  it('replaces the streetAddress of the work address', () => {
    const result = patchUser(fullUser(), {
      op: 'replace',
      path: 'addresses[type eq "work"].streetAddress',
      value: '1010 Broadway Ave',
    });
    const [work, home] = result.resource.addresses as Array<Record<string, unknown>>;
    expect(work).toEqual({
      ...(fullUser().addresses as Array<Record<string, unknown>>)[0],
      streetAddress: '1010 Broadway Ave',
    });
    expect(home).toEqual((fullUser().addresses as unknown[])[1]);
  });

  it('replaces emails and the nickname without a path', () => {
    const emails = [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ];
    const result = patchUser(
      { ...fullUser(), nickName: 'Barb', emails: [{ value: 'old@example.com' }] },
      { op: 'replace', value: { emails, nickname: 'Babs' } },
    );
    expect(result.resource.emails).toEqual(emails);
    expect(result.resource.nickName).toBe('Babs');
  });

  it('defers the member examples when the caller manages members', () => {
    const result = patchWith(
      GROUP_RESOURCE,
      { deferred: ['members'] },
      tourGuides(),
      { op: 'replace', path: 'members', value: [babs, james] },
      { op: 'remove', path: `members[value eq "${MANDY}"]` },
    );
    expect(result.resource.members).toEqual(tourGuides().members);
    expect(result.deferred.map((d) => [d.op, d.attribute, d.values, d.filter?.kind, d.index])).toEqual([
      ['replace', 'members', [babs, james], undefined, 0],
      ['remove', 'members', undefined, 'compare', 1],
    ]);
  });
});
