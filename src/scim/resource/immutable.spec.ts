import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { attr, complex } from '../schemas';
import { carryImmutable, checkImmutable } from './immutable';
import { GROUP_RESOURCE, ResourceSchemas } from './resource-type-context';

const DEVICE = 'urn:example:scim:schemas:core:1.0:Device';
const HW = 'urn:example:scim:schemas:extension:hw:1.0:Device';

/** A test resource type with immutable attributes of every shape. */
const DEVICES: ResourceSchemas = {
  core: {
    id: DEVICE,
    name: 'Device',
    description: 'test',
    attributes: [
      attr('serial', { mutability: 'immutable' }),
      attr('token', { mutability: 'immutable', caseExact: true }),
      attr('born', { type: 'dateTime', mutability: 'immutable' }),
      attr('label'),
      attr('aliases', { multiValued: true, mutability: 'immutable' }),
      complex('owner', [attr('value', { mutability: 'immutable' }), attr('display')]),
    ],
  },
  extensions: [{ id: HW, name: 'Hw', description: 'test', attributes: [attr('chip', { mutability: 'immutable' })] }],
};

const device = (attrs: Record<string, unknown>): Record<string, unknown> => ({ schemas: [DEVICE], ...attrs });
const refused = (path: string) => [400, 'mutability', `Attribute "${path}" is immutable and cannot be changed`];

describe('checkImmutable (RFC 7644 §3.5.1)', () => {
  it('accepts the same values and changes to mutable attributes', () => {
    const previous = device({ serial: 'S1', label: 'a', owner: { value: 'u1', display: 'A' }, [HW]: { chip: 'c' } });
    const next = device({ serial: 'S1', label: 'b', owner: { value: 'u1', display: 'B' }, [HW]: { chip: 'c' } });
    expect(() => checkImmutable(previous, next, DEVICES)).not.toThrow();
  });

  it('refuses a changed top-level value', () => {
    expect(thrown(() => checkImmutable(device({ serial: 'S1' }), device({ serial: 'S2' }), DEVICES))).toEqual(
      refused('serial'),
    );
  });

  it('compares caseExact: false strings case-insensitively and caseExact ones exactly', () => {
    expect(() => checkImmutable(device({ serial: 'abc' }), device({ serial: 'ABC' }), DEVICES)).not.toThrow();
    expect(thrown(() => checkImmutable(device({ token: 'abc' }), device({ token: 'ABC' }), DEVICES))).toEqual(
      refused('token'),
    );
  });

  it('compares date-times as instants', () => {
    const previous = device({ born: '2011-05-13T04:42:34Z' });
    expect(() => checkImmutable(previous, device({ born: '2011-05-13T06:42:34+02:00' }), DEVICES)).not.toThrow();
    expect(thrown(() => checkImmutable(previous, device({ born: '2011-05-13T04:42:35Z' }), DEVICES))).toEqual(
      refused('born'),
    );
  });

  it('accepts a value that next leaves out, and a value that previous did not have', () => {
    expect(() => checkImmutable(device({ serial: 'S1', [HW]: { chip: 'c' } }), device({}), DEVICES)).not.toThrow();
    expect(() => checkImmutable(device({}), device({ serial: 'S1' }), DEVICES)).not.toThrow();
    expect(() => checkImmutable(device({ aliases: [] }), device({ aliases: ['a'] }), DEVICES)).not.toThrow();
  });

  it('compares multi-valued values as unordered collections', () => {
    const previous = device({ aliases: ['a', 'b'] });
    expect(() => checkImmutable(previous, device({ aliases: ['B', 'a'] }), DEVICES)).not.toThrow();
    expect(thrown(() => checkImmutable(previous, device({ aliases: ['a'] }), DEVICES))).toEqual(refused('aliases'));
    expect(thrown(() => checkImmutable(previous, device({ aliases: ['a', 'a'] }), DEVICES))).toEqual(
      refused('aliases'),
    );
  });

  it('refuses a changed immutable sub-attribute of a single-valued complex attribute', () => {
    const previous = device({ owner: { value: 'u1' } });
    expect(thrown(() => checkImmutable(previous, device({ owner: { value: 'u2' } }), DEVICES))).toEqual(
      refused('owner.value'),
    );
  });

  it('refuses a changed extension attribute, naming it with its URN', () => {
    const previous = device({ [HW]: { chip: 'c1' } });
    expect(thrown(() => checkImmutable(previous, device({ [HW]: { chip: 'c2' } }), DEVICES))).toEqual(
      refused(`${HW}:chip`),
    );
  });

  it('lets Group members change: immutable sub-attributes of multi-valued attributes are not compared', () => {
    const previous = { displayName: 'g', members: [{ value: 'u1', type: 'User' }] };
    const next = { displayName: 'g', members: [{ value: 'u2', type: 'Group' }] };
    expect(() => checkImmutable(previous, next, GROUP_RESOURCE)).not.toThrow();
  });
});

describe('carryImmutable', () => {
  it('copies immutable values that next leaves out, and nothing else', () => {
    const previous = device({ serial: 'S1', label: 'old', aliases: ['a'] });
    const next = device({ label: 'new' });
    expect(carryImmutable(previous, next, DEVICES)).toEqual(device({ serial: 'S1', label: 'new', aliases: ['a'] }));
  });

  it('keeps the values next gives', () => {
    expect(carryImmutable(device({ serial: 'S1' }), device({ serial: 'S1' }), DEVICES)).toEqual(
      device({ serial: 'S1' }),
    );
  });

  it('copies an immutable sub-attribute into the complex value of next, or into a new one', () => {
    const previous = device({ owner: { value: 'u1', display: 'A' } });
    expect(carryImmutable(previous, device({ owner: { display: 'B' } }), DEVICES)).toEqual(
      device({ owner: { display: 'B', value: 'u1' } }),
    );
    expect(carryImmutable(previous, device({}), DEVICES)).toEqual(device({ owner: { value: 'u1' } }));
  });

  it('restores an extension attribute, adding the extension object and its URN', () => {
    const previous = { schemas: [DEVICE, HW], [HW]: { chip: 'c1' } };
    expect(carryImmutable(previous, device({}), DEVICES)).toEqual({ schemas: [DEVICE, HW], [HW]: { chip: 'c1' } });
  });

  it('modifies neither argument and copies values', () => {
    const previous = device({ aliases: ['a'], [HW]: { chip: 'c1' } });
    const next = device({ [HW]: {} });
    const [before, after] = [structuredClone(previous), structuredClone(next)];
    const out = carryImmutable(previous, next, DEVICES);
    expect([previous, next]).toEqual([before, after]);
    expect(out.aliases).not.toBe(previous.aliases);
    expect(out).toEqual({ schemas: [DEVICE, HW], aliases: ['a'], [HW]: { chip: 'c1' } });
  });

  it('returns an equal copy when nothing is immutable', () => {
    const next = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'g' };
    const out = carryImmutable({ displayName: 'old', members: [{ value: 'u1' }] }, next, GROUP_RESOURCE);
    expect(out).toEqual(next);
    expect(out).not.toBe(next);
  });
});
