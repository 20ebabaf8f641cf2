import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { ResourceSchemas } from '../resource';
import { attr, complex } from '../schemas';
import { group, patchGroup, patchUser, patchWith, user } from './patch.fixture';

/* RFC 7644 §3.5.2: readOnly never, immutable only when unassigned; §3.5.2.2: required never removed. */

const DEVICE = 'urn:example:scim:schemas:core:1.0:Device';
const DEVICES: ResourceSchemas = {
  core: {
    id: DEVICE,
    name: 'Device',
    description: 'test',
    attributes: [
      attr('serial', { mutability: 'immutable' }),
      attr('label'),
      complex('owner', [attr('value', { mutability: 'immutable' }), attr('display')]),
      complex('ports', [attr('value', { mutability: 'immutable' }), attr('speed')], {
        multiValued: true,
        required: true,
      }),
    ],
  },
  extensions: [],
};
const device = (attrs: Record<string, unknown> = {}) => ({
  schemas: [DEVICE],
  id: 'd1',
  ports: [{ value: 'p1' }, { value: 'p2' }],
  ...attrs,
});
const patchDevice = (resource: Record<string, unknown>, ...operations: unknown[]) =>
  patchWith(DEVICES, {}, resource, ...operations);
const refused = (detail: string) => [400, 'mutability', `Operations[0]: ${detail}`];

describe('applyPatch: mutability', () => {
  it.each([
    ['replace', 'id', 'x', 'id'],
    ['remove', 'id', undefined, 'id'],
    ['add', 'meta', { version: 'x' }, 'meta'],
    ['remove', 'meta.lastModified', undefined, 'meta'],
    ['add', 'groups', [{ value: 'g1' }], 'groups'],
  ])('refuses %s of the readOnly %s with 400 mutability', (op, path, value, name) => {
    expect(thrown(() => patchUser(user(), { op, path, value }))).toEqual(
      refused(`Attribute "${name}" is readOnly and cannot be modified`),
    );
  });

  it('refuses a path to "schemas" with 400 mutability (the engine maintains it)', () => {
    expect(thrown(() => patchUser(user(), { op: 'add', path: 'schemas', value: ['urn:x'] }))).toEqual(
      refused('Attribute "schemas" cannot be patched: it follows the extensions present in the resource'),
    );
  });

  it.each([
    ['remove', undefined],
    ['replace', null],
  ])('refuses to %s the required userName with 400 mutability (RFC 7644 §3.5.2.2)', (op, value) => {
    expect(thrown(() => patchUser(user(), { op, path: 'userName', value }))).toEqual(
      refused('Attribute "userName" is required and cannot be removed'),
    );
  });

  it('refuses a path-less replace that nulls the required Group displayName', () => {
    expect(thrown(() => patchGroup(group(), { op: 'replace', value: { displayName: null } }))).toEqual(
      refused('Attribute "displayName" is required and cannot be removed'),
    );
  });

  it('allows replacing a required attribute by another value', () => {
    expect(patchUser(user(), { op: 'replace', path: 'userName', value: 'babs' }).resource.userName).toBe('babs');
  });

  it('refuses to empty a required multi-valued attribute through a filter', () => {
    const result = patchDevice(device(), { op: 'remove', path: 'ports[value eq "p1"]' });
    expect(result.resource.ports).toEqual([{ value: 'p2' }]);
    expect(thrown(() => patchDevice(device(), { op: 'remove', path: 'ports[value sw "p"]' }))).toEqual(
      refused('Attribute "ports" is required and cannot be removed'),
    );
  });

  it('allows adding an immutable attribute that has no value', () => {
    expect(patchDevice(device(), { op: 'add', path: 'serial', value: 'S1' }).resource.serial).toBe('S1');
  });

  it('accepts the same immutable value again (compared case-insensitively)', () => {
    const result = patchDevice(device({ serial: 'S1' }), { op: 'replace', path: 'serial', value: 's1' });
    expect(result.resource.serial).toBe('s1');
  });

  it.each([
    ['replace', 'S2'],
    ['add', 'S2'],
    ['remove', undefined],
  ])('refuses to %s an immutable attribute that has a value', (op, value) => {
    expect(thrown(() => patchDevice(device({ serial: 'S1' }), { op, path: 'serial', value }))).toEqual(
      refused('Attribute "serial" is immutable and cannot be changed'),
    );
  });

  it('refuses to change an immutable sub-attribute of a single-valued complex attribute', () => {
    expect(
      thrown(() =>
        patchDevice(device({ owner: { value: 'u1' } }), { op: 'replace', path: 'owner', value: { value: 'u2' } }),
      ),
    ).toEqual(refused('Attribute "owner.value" is immutable and cannot be changed'));
    expect(
      patchDevice(device({ owner: { value: 'u1' } }), { op: 'replace', path: 'owner.display', value: 'U' }).resource
        .owner,
    ).toEqual({
      value: 'u1',
      display: 'U',
    });
  });

  it('refuses to change an immutable sub-attribute of matched elements, but allows adding elements', () => {
    expect(
      thrown(() => patchDevice(device(), { op: 'replace', path: 'ports[value eq "p1"].value', value: 'p9' })),
    ).toEqual(refused('Attribute "ports.value" is immutable and cannot be changed'));
    expect(patchDevice(device(), { op: 'add', path: 'ports', value: [{ value: 'p3' }] }).resource.ports).toEqual([
      { value: 'p1' },
      { value: 'p2' },
      { value: 'p3' },
    ]);
  });

  it('refuses to change Group members.value through a filter when members are not deferred', () => {
    expect(
      thrown(() =>
        patchGroup(group(), { op: 'replace', path: 'members[display eq "Babs Jensen"]', value: { value: 'other' } }),
      ),
    ).toEqual(refused('Attribute "members.value" is immutable and cannot be changed'));
  });
});
