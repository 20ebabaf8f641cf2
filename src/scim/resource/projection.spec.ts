import { attr, complex } from '../schemas';
import { isRequested, project, ProjectionRequest, projector } from './projection';
import { extendResourceSchemas } from './custom-schemas';
import { GROUP_RESOURCE, ResourceSchemas, USER_RESOURCE } from './resource-type-context';
import { enterpriseExtension, fullUser, tourGuides } from './rfc7643-examples.fixture';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const THING = 'urn:example:scim:schemas:core:1.0:Thing';

/** The stored §8.2/§8.3 User: with id, meta, groups, password and the enterprise extension. */
const stored = (): Record<string, unknown> => ({
  ...fullUser(),
  schemas: [USER, ENTERPRISE],
  [ENTERPRISE]: enterpriseExtension(),
});
const userOut = (request: ProjectionRequest) => project(stored(), USER_RESOURCE, request);

/** A test schema with returned: request attributes and sub-attributes. */
const THINGS: ResourceSchemas = {
  core: {
    id: THING,
    name: 'Thing',
    description: 'test',
    attributes: [
      attr('label'),
      attr('secret', { returned: 'request' }),
      complex('spec', [attr('size'), attr('cost', { returned: 'request' }), attr('pin', { returned: 'never' })]),
    ],
  },
  extensions: [],
};
const thing = () => ({
  schemas: [THING],
  id: 't1',
  label: 'L',
  secret: 'S',
  spec: { size: 'XL', cost: '5', pin: '0000' },
});

describe('project: no lists', () => {
  it('returns everything returned by default, without the password (returned: never)', () => {
    const { password, ...rest } = stored();
    expect(password).toBe('t1meMa$heen');
    expect(userOut({})).toEqual(rest);
  });

  it('treats empty lists as absent', () => {
    expect(userOut({ attributes: [], excludedAttributes: [] })).toEqual(userOut({}));
  });

  it('leaves out returned: request attributes and sub-attributes', () => {
    expect(project(thing(), THINGS, {})).toEqual({ schemas: [THING], id: 't1', label: 'L', spec: { size: 'XL' } });
  });

  it('returns a new object that shares nothing with the resource', () => {
    const resource = stored();
    const out = project(resource, USER_RESOURCE, {});
    expect(out.name).toEqual(resource.name);
    expect(out.name).not.toBe(resource.name);
    expect(out.schemas).not.toBe(resource.schemas);
    expect(out[ENTERPRISE]).not.toBe(resource[ENTERPRISE]);
  });

  it('drops keys that no schema defines', () => {
    expect(project({ schemas: [USER], userName: 'b', internal: 1 }, USER_RESOURCE, {})).toEqual({
      schemas: [USER],
      userName: 'b',
    });
  });
});

describe('project: attributes', () => {
  it('keeps only the listed attributes, plus schemas and id (returned: always)', () => {
    expect(userOut({ attributes: ['userName', 'displayName'] })).toEqual({
      schemas: [USER, ENTERPRISE],
      id: '2819c223-7f76-453a-919d-413861904646',
      userName: 'bjensen@example.com',
      displayName: 'Babs Jensen',
    });
  });

  it('does not return meta unless listed', () => {
    expect(userOut({ attributes: ['userName'] }).meta).toBeUndefined();
    expect(userOut({ attributes: ['meta.lastModified'] }).meta).toEqual({ lastModified: '2011-05-13T04:42:34Z' });
  });

  it('keeps only the listed sub-attribute of a complex attribute', () => {
    expect(userOut({ attributes: ['name.givenName'] }).name).toEqual({ givenName: 'Barbara' });
  });

  it('keeps only the listed sub-attributes of every value of a multi-valued attribute', () => {
    expect(userOut({ attributes: ['emails.value', 'emails.primary'] }).emails).toEqual([
      { value: 'bjensen@example.com', primary: true },
      { value: 'babs@jensen.org' },
    ]);
  });

  it('drops values left empty by a sub-attribute selection, and the attribute when none is left', () => {
    const resource = {
      schemas: [USER],
      emails: [{ value: 'a', primary: true }, { value: 'b' }],
      name: { givenName: 'B' },
    };
    expect(project(resource, USER_RESOURCE, { attributes: ['emails.primary'] })).toEqual({
      schemas: [USER],
      emails: [{ primary: true }],
    });
    expect(project(resource, USER_RESOURCE, { attributes: ['emails.display', 'name.familyName'] })).toEqual({
      schemas: [USER],
    });
  });

  it('never returns the password, even when listed', () => {
    expect(userOut({ attributes: ['password', 'userName'] }).password).toBeUndefined();
  });

  it('keeps a whole extension, or only the listed extension attributes', () => {
    expect(userOut({ attributes: [ENTERPRISE] })[ENTERPRISE]).toEqual(enterpriseExtension());
    expect(userOut({ attributes: [`${ENTERPRISE}:department`, `${ENTERPRISE}:manager.value`] })[ENTERPRISE]).toEqual({
      department: 'Tour Operations',
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' },
    });
  });

  it('drops the extension object when none of its attributes is selected, but keeps schemas', () => {
    const out = userOut({ attributes: ['userName'] });
    expect(out[ENTERPRISE]).toBeUndefined();
    expect(out.schemas).toEqual([USER, ENTERPRISE]);
  });

  it('returns returned: request attributes and sub-attributes only when listed', () => {
    expect(project(thing(), THINGS, { attributes: ['secret', 'spec.cost'] })).toEqual({
      schemas: [THING],
      id: 't1',
      secret: 'S',
      spec: { cost: '5' },
    });
    expect(project(thing(), THINGS, { attributes: ['spec'] }).spec).toEqual({ size: 'XL', cost: '5' });
  });

  it('compares listed paths case-insensitively and lets attributes win over excludedAttributes', () => {
    expect(userOut({ attributes: ['USERNAME'], excludedAttributes: ['userName'] })).toEqual(
      userOut({ attributes: ['userName'] }),
    );
  });
});

describe('project: excludedAttributes', () => {
  it('removes the listed attributes', () => {
    const out = userOut({ excludedAttributes: ['emails', 'meta', 'x509Certificates'] });
    const { password, emails, meta, x509Certificates, ...rest } = stored();
    expect([password, emails, meta, x509Certificates].every((v) => v !== undefined)).toBe(true);
    expect(out).toEqual(rest);
  });

  it('never removes id or schemas (returned: always)', () => {
    const out = userOut({ excludedAttributes: ['id', 'schemas'] });
    expect(out.id).toBe('2819c223-7f76-453a-919d-413861904646');
    expect(out.schemas).toEqual([USER, ENTERPRISE]);
  });

  it('removes a sub-attribute from a complex value and from every value of a multi-valued one', () => {
    const out = userOut({ excludedAttributes: ['name.middleName', 'emails.type'] });
    expect(out.name).toEqual({
      formatted: 'Ms. Barbara J Jensen, III',
      familyName: 'Jensen',
      givenName: 'Barbara',
      honorificPrefix: 'Ms.',
      honorificSuffix: 'III',
    });
    expect(out.emails).toEqual([{ value: 'bjensen@example.com', primary: true }, { value: 'babs@jensen.org' }]);
  });

  it('removes a whole extension or one of its attributes', () => {
    expect(userOut({ excludedAttributes: [ENTERPRISE] })[ENTERPRISE]).toBeUndefined();
    const { department, ...rest } = enterpriseExtension();
    expect(department).toBe('Tour Operations');
    expect(userOut({ excludedAttributes: [`${ENTERPRISE}:department`] })[ENTERPRISE]).toEqual(rest);
  });

  it('removes Group members', () => {
    const { members, ...rest } = tourGuides();
    expect(members).toHaveLength(2);
    expect(project(tourGuides(), GROUP_RESOURCE, { excludedAttributes: ['members'] })).toEqual(rest);
  });

  it('still leaves out returned: request attributes', () => {
    expect(project(thing(), THINGS, { excludedAttributes: ['label'] })).toEqual({
      schemas: [THING],
      id: 't1',
      spec: { size: 'XL' },
    });
  });
});

describe('isRequested', () => {
  it.each([
    ['members', {}, true],
    ['members', { excludedAttributes: ['members'] }, false],
    ['members', { excludedAttributes: ['displayName'] }, true],
    ['members', { excludedAttributes: ['members.display'] }, true],
    ['members', { attributes: ['displayName'] }, false],
    ['members', { attributes: ['members.value'] }, true],
    ['MEMBERS', { attributes: ['members'] }, true],
    ['id', { excludedAttributes: ['id'] }, true],
    ['id', { attributes: ['displayName'] }, true],
    ['meta', { attributes: ['displayName'] }, false],
    ['schemas', { attributes: ['displayName'] }, true],
  ] as const)('Group %s with %p: %p', (path, request, expected) => {
    expect(isRequested(path, GROUP_RESOURCE, request)).toBe(expected);
  });

  it.each([
    ['groups', {}, true],
    ['groups', { excludedAttributes: ['groups'] }, false],
    ['password', {}, false],
    ['password', { attributes: ['password'] }, false],
    [ENTERPRISE, { attributes: ['userName'] }, false],
    [ENTERPRISE, { attributes: [`${ENTERPRISE}:department`] }, true],
    [`${ENTERPRISE}:manager`, { excludedAttributes: [ENTERPRISE] }, false],
    ['name.givenName', { attributes: ['name.familyName'] }, false],
    ['name.givenName', { excludedAttributes: ['name.familyName'] }, true],
  ] as const)('User %s with %p: %p', (path, request, expected) => {
    expect(isRequested(path, USER_RESOURCE, request)).toBe(expected);
  });

  it('follows returned: request', () => {
    expect(isRequested('secret', THINGS, {})).toBe(false);
    expect(isRequested('secret', THINGS, { attributes: ['secret'] })).toBe(true);
    expect(isRequested('spec.cost', THINGS, { attributes: ['spec'] })).toBe(true);
    expect(isRequested('spec.pin', THINGS, { attributes: ['spec'] })).toBe(false);
  });

  it('throws a TypeError for an unknown path', () => {
    expect(() => isRequested('groups', GROUP_RESOURCE, {})).toThrow(
      new TypeError('isRequested: unknown attribute "groups"'),
    );
  });
});

describe('projector: one per schemas and selection', () => {
  it('serves every request with the same selection, whatever the order or case of its list', () => {
    const first = projector(THINGS, { attributes: ['label', 'spec.size'] });
    expect(projector(THINGS, { attributes: ['label', 'spec.size'] })).toBe(first);
    expect(projector(THINGS, { attributes: ['spec.Size', 'LABEL'] })).toBe(first);
    expect(projector(THINGS, { attributes: ['label'] })).not.toBe(first);
    expect(projector(THINGS, { excludedAttributes: ['label', 'spec.size'] })).not.toBe(first);
    expect(projector(USER_RESOURCE, { attributes: ['label', 'spec.size'] })).not.toBe(first);
    expect(first(thing())).toEqual({ schemas: [THING], id: 't1', label: 'L', spec: { size: 'XL' } });
    expect(first({ ...thing(), label: 'other', spec: { cost: '7' } })).toEqual({
      schemas: [THING],
      id: 't1',
      label: 'other',
    });
  });

  it('keeps answering right past the number of keys it remembers (stored unknown attributes)', () => {
    const schemas = extendResourceSchemas(USER_RESOURCE, { unknownAttributes: 'store' });
    const many = Object.fromEntries(Array.from({ length: 700 }, (_, i) => [`custom${i}`, i]));
    const resource = { schemas: [USER], id: 'u1', userName: 'a', ...many };
    const all = projector(schemas, {});
    expect(all(resource)).toEqual(resource);
    expect(all({ schemas: [USER], id: 'u2', custom699: 'x', custom0: 'y' })).toEqual({
      schemas: [USER],
      id: 'u2',
      custom699: 'x',
      custom0: 'y',
    });
    expect(projector(schemas, { attributes: ['custom650'] })(resource)).toEqual({
      schemas: [USER],
      id: 'u1',
      custom650: 650,
    });
  });
});
