import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { formatFilter } from '../filter';
import { GROUP_RESOURCE } from '../resource';
import { BABS, JAMES, group, patchWith } from './patch.fixture';
import { DeferredOperation } from './types';

/* Operations on attributes the caller applies itself (Group members in their own table). */

const patchMembers = (...operations: unknown[]) =>
  patchWith(GROUP_RESOURCE, { deferred: ['members'] }, group(), ...operations);
const shape = (d: DeferredOperation) => ({ ...d, filter: d.filter === undefined ? undefined : formatFilter(d.filter) });

describe('applyPatch: deferred attributes', () => {
  it('returns an add of a list without touching the document', () => {
    const result = patchMembers({
      op: 'add',
      path: 'members',
      value: [{ value: JAMES, display: 'James' }, { Value: 'u3' }],
    });
    expect(result.resource).toEqual(group());
    expect(result.deferred).toEqual([
      { op: 'add', attribute: 'members', values: [{ value: JAMES, display: 'James' }, { value: 'u3' }], index: 0 },
    ]);
    expect(result.changed).toBe(true);
  });

  it('wraps a single element in a list', () => {
    expect(patchMembers({ op: 'add', path: 'members', value: { value: JAMES } }).deferred[0].values).toEqual([
      { value: JAMES },
    ]);
  });

  it('drops an add with nothing to add, leaving changed false', () => {
    const result = patchMembers({ op: 'add', path: 'members', value: [] });
    expect(result.deferred).toEqual([]);
    expect(result.changed).toBe(false);
  });

  it('returns a remove by filter with the filter', () => {
    const result = patchMembers({ op: 'remove', path: `members[value eq "${BABS}"]` });
    expect(result.deferred.map(shape)).toEqual([
      { op: 'remove', attribute: 'members', filter: `value eq "${BABS}"`, index: 0 },
    ]);
  });

  it('returns a remove with a value list (Entra ID) as values', () => {
    const result = patchMembers({ op: 'Remove', path: 'members', value: [{ value: BABS }] });
    expect(result.deferred).toEqual([{ op: 'remove', attribute: 'members', values: [{ value: BABS }], index: 0 }]);
  });

  it('returns a remove without filter or values as "remove all"', () => {
    expect(patchMembers({ op: 'remove', path: 'members' }).deferred).toEqual([
      { op: 'remove', attribute: 'members', index: 0 },
    ]);
  });

  it('returns a replace of the whole list', () => {
    const result = patchMembers({ op: 'replace', path: 'members', value: [{ value: JAMES }] });
    expect(result.deferred).toEqual([{ op: 'replace', attribute: 'members', values: [{ value: JAMES }], index: 0 }]);
  });

  it('returns a replace with null as an empty list', () => {
    expect(patchMembers({ op: 'replace', path: 'members', value: null }).deferred).toEqual([
      { op: 'replace', attribute: 'members', values: [], index: 0 },
    ]);
  });

  it('defers the members of a path-less replace and applies the rest', () => {
    const result = patchMembers({ op: 'replace', value: { displayName: 'Guides', Members: [{ value: JAMES }] } });
    expect(result.resource).toEqual({ ...group(), displayName: 'Guides' });
    expect(result.deferred).toEqual([{ op: 'replace', attribute: 'members', values: [{ value: JAMES }], index: 0 }]);
  });

  it('keeps the request order and indexes across document and deferred operations', () => {
    const result = patchMembers(
      { op: 'remove', path: 'members' },
      { op: 'replace', path: 'displayName', value: 'Guides' },
      { op: 'add', value: { members: [{ value: BABS }] } },
    );
    expect(result.deferred.map((d) => [d.op, d.index])).toEqual([
      ['remove', 0],
      ['add', 2],
    ]);
    expect(result.resource.displayName).toBe('Guides');
  });

  it('passes the filter of a filtered replace along with the values', () => {
    const result = patchMembers({ op: 'replace', path: `members[value eq "${BABS}"]`, value: { value: JAMES } });
    expect(result.deferred.map(shape)).toEqual([
      { op: 'replace', attribute: 'members', filter: `value eq "${BABS}"`, values: [{ value: JAMES }], index: 0 },
    ]);
  });

  it('matches deferred names case-insensitively', () => {
    const result = patchWith(GROUP_RESOURCE, { deferred: ['MEMBERS'] }, group(), { op: 'remove', path: 'members' });
    expect(result.deferred).toEqual([{ op: 'remove', attribute: 'members', index: 0 }]);
    expect(result.resource.members).toEqual(group().members);
  });

  it.each([`members[value eq "${BABS}"].display`, 'members.value'])(
    'refuses the sub-attribute path %s with 400 invalidPath',
    (path) => {
      expect(thrown(() => patchMembers({ op: 'replace', path, value: 'x' }))).toEqual([
        400,
        'invalidPath',
        `Operations[0]: Path "${path}": sub-attributes of "members" cannot be patched`,
      ]);
    },
  );

  it.each([
    ['a string', 'u1'],
    ['an object without a string "value"', { value: 7 }],
  ])('refuses an element that is %s with 400 invalidValue naming its index', (_label, bad) => {
    expect(thrown(() => patchMembers({ op: 'add', path: 'members', value: [{ value: 'ok' }, bad] }))).toEqual([
      400,
      'invalidValue',
      'Operations[0]: Element 1 of the value of "members" must be an object with a string "value"',
    ]);
  });

  it('is atomic with the document: a later failure throws and defers nothing', () => {
    const input = group();
    expect(
      thrown(() =>
        patchWith(
          GROUP_RESOURCE,
          { deferred: ['members'] },
          input,
          { op: 'add', path: 'members', value: [{ value: JAMES }] },
          { op: 'remove', path: 'displayName' },
        ),
      ),
    ).toEqual([400, 'mutability', 'Operations[1]: Attribute "displayName" is required and cannot be removed']);
    expect(input).toEqual(group());
  });
});
