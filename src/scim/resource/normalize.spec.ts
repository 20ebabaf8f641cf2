import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { normalizeResource } from './normalize';
import { GROUP_RESOURCE, ResourceSchemas, USER_RESOURCE } from './resource-type-context';
import { enterpriseExtension, fullUser, tourGuides } from './rfc7643-examples.fixture';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const user = (attrs: Record<string, unknown>) => ({ schemas: [USER], userName: 'bjensen', ...attrs });
const create = (body: unknown, schemas: ResourceSchemas = USER_RESOURCE) => normalizeResource(body, schemas, 'create');

describe('normalizeResource: RFC 7643 examples', () => {
  it('keeps the §8.2 full User as it is, except the readOnly id, meta and groups', () => {
    const { id, meta, groups, ...rest } = fullUser();
    expect([id, meta, groups].every((v) => v !== undefined)).toBe(true);
    const result = create(fullUser());
    expect(result.resource).toEqual(rest);
    expect(result.ignored).toEqual(['id', 'groups', 'meta']);
  });

  it('gives the same result in replace mode', () => {
    expect(normalizeResource(fullUser(), USER_RESOURCE, 'replace')).toEqual(create(fullUser()));
  });

  it('keeps the §8.3 enterprise extension, without the readOnly manager.displayName', () => {
    const body = { ...fullUser(), schemas: [USER, ENTERPRISE], [ENTERPRISE]: enterpriseExtension() };
    const { resource, ignored } = create(body);
    const { displayName, ...manager } = enterpriseExtension().manager as Record<string, unknown>;
    expect(displayName).toBe('John Smith');
    expect(resource.schemas).toEqual([USER, ENTERPRISE]);
    expect(resource[ENTERPRISE]).toEqual({ ...enterpriseExtension(), manager });
    expect(ignored).toEqual(['id', 'groups', 'meta', `${ENTERPRISE}:manager.displayName`]);
  });

  it('keeps the §8.4 Group without id, meta and members.display', () => {
    const { resource, ignored } = create(tourGuides(), GROUP_RESOURCE);
    expect(resource).toEqual({
      schemas: [GROUP],
      displayName: 'Tour Guides',
      members: [
        {
          value: '2819c223-7f76-453a-919d-413861904646',
          $ref: 'https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646',
        },
        {
          value: '902c246b-6245-4190-8e05-00816be7344a',
          $ref: 'https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a',
        },
      ],
    });
    expect(ignored).toEqual(['id', 'members.display', 'meta']);
  });

  it('never modifies its input and shares no object with it', () => {
    const body: Record<string, unknown> = { ...fullUser(), [ENTERPRISE]: enterpriseExtension() };
    const copy = structuredClone(body);
    const { resource } = create(body);
    expect(body).toEqual(copy);
    expect(resource.name).not.toBe(body.name);
    expect(resource.emails).not.toBe(body.emails);
    expect((resource.emails as unknown[])[0]).not.toBe((body.emails as unknown[])[0]);
    expect(resource[ENTERPRISE]).not.toBe(body[ENTERPRISE]);
  });
});

describe('normalizeResource: body and schemas', () => {
  it.each([null, 'text', 42, true, [{ schemas: [USER] }]])('refuses a body that is not an object: %p', (body) => {
    expect(thrown(() => create(body))).toEqual([400, 'invalidSyntax', 'The request body must be a JSON object']);
  });

  const schemasError = [400, 'invalidSyntax', `"schemas" must be an array of strings that contains "${USER}"`];

  it.each([
    ['missing', { userName: 'b' }],
    ['not an array', { schemas: USER, userName: 'b' }],
    ['without the core URN', { schemas: [ENTERPRISE], userName: 'b' }],
    ['with a non-string', { schemas: [USER, 7], userName: 'b' }],
    ['the Group URN for a User', { schemas: [GROUP], userName: 'b' }],
  ])('refuses schemas %s', (_, body) => {
    expect(thrown(() => create(body))).toEqual(schemasError);
  });

  it('accepts the core URN in any case and writes it canonically', () => {
    const { resource } = create({ SCHEMAS: [USER.toUpperCase()], userName: 'b' });
    expect(resource).toEqual({ schemas: [USER], userName: 'b' });
  });

  it('drops unknown URNs from schemas and lists them', () => {
    const { resource, ignored } = create({ schemas: [USER, 'urn:example:ext:1.0'], userName: 'b' });
    expect(resource.schemas).toEqual([USER]);
    expect(ignored).toEqual(['schemas:urn:example:ext:1.0']);
  });

  it('refuses two spellings of schemas', () => {
    expect(thrown(() => create({ schemas: [USER], Schemas: [USER], userName: 'b' }))).toEqual([
      400,
      'invalidSyntax',
      'Attribute "schemas" is given more than once',
    ]);
  });

  it('lists an extension named in schemas even without attributes, canonically and once', () => {
    const { resource } = create({ schemas: [USER, ENTERPRISE.toUpperCase(), ENTERPRISE], userName: 'b' });
    expect(resource).toEqual({ schemas: [USER, ENTERPRISE], userName: 'b' });
  });
});

describe('normalizeResource: case-insensitive names (RFC 7643 §2.1)', () => {
  it('canonicalizes attribute names at the top level and in sub-attributes', () => {
    const { resource } = create({
      schemas: [USER],
      USERNAME: 'b',
      Name: { GIVENNAME: 'Barbara', familyname: 'Jensen' },
      EMAILS: [{ VALUE: 'b@example.com', Primary: true, TYPE: 'work' }],
      externalID: 'x1',
    });
    expect(resource).toEqual({
      schemas: [USER],
      userName: 'b',
      name: { givenName: 'Barbara', familyName: 'Jensen' },
      emails: [{ value: 'b@example.com', primary: true, type: 'work' }],
      externalId: 'x1',
    });
  });

  it('canonicalizes the extension URN and its attribute names', () => {
    const { resource } = create(user({ [ENTERPRISE.toLowerCase()]: { DEPARTMENT: 'Tour', Manager: { VALUE: 'm1' } } }));
    expect(resource).toEqual({
      schemas: [USER, ENTERPRISE],
      userName: 'bjensen',
      [ENTERPRISE]: { department: 'Tour', manager: { value: 'm1' } },
    });
  });

  it('matches $ref case-insensitively', () => {
    const { resource } = create(
      { schemas: [GROUP], displayName: 'g', members: [{ VALUE: 'u1', $REF: '../Users/u1' }] },
      GROUP_RESOURCE,
    );
    expect(resource.members).toEqual([{ value: 'u1', $ref: '../Users/u1' }]);
  });

  it('refuses the same attribute under two spellings', () => {
    expect(thrown(() => create(user({ nickName: 'a', NICKNAME: 'b' })))).toEqual([
      400,
      'invalidSyntax',
      'Attribute "nickName" is given more than once',
    ]);
    expect(thrown(() => create(user({ name: { givenName: 'a', GivenName: 'b' } })))).toEqual([
      400,
      'invalidSyntax',
      'Attribute "name.givenName" is given more than once',
    ]);
  });
});

describe('normalizeResource: extensions and URN-qualified attributes', () => {
  it('accepts an extension object whose URN is missing from schemas and adds the URN', () => {
    const { resource, ignored } = create(user({ [ENTERPRISE]: { department: 'Tour' } }));
    expect(resource).toEqual({
      schemas: [USER, ENTERPRISE],
      userName: 'bjensen',
      [ENTERPRISE]: { department: 'Tour' },
    });
    expect(ignored).toEqual([]);
  });

  it('reads <core URN>:<attr> at the top level as the core attribute', () => {
    const { resource } = create({
      schemas: [USER],
      [`${USER}:userName`]: 'b',
      [`${USER.toUpperCase()}:NICKNAME`]: 'Babs',
    });
    expect(resource).toEqual({ schemas: [USER], userName: 'b', nickName: 'Babs' });
  });

  it('reads <core URN>:<common attr> too', () => {
    expect(create(user({ [`${USER}:externalId`]: 'x' })).resource.externalId).toBe('x');
  });

  it('reads <extension URN>:<attr> at the top level into the extension object', () => {
    const { resource } = create(user({ [`${ENTERPRISE}:department`]: 'Tour', [ENTERPRISE]: { division: 'Park' } }));
    expect(resource).toEqual({
      schemas: [USER, ENTERPRISE],
      userName: 'bjensen',
      [ENTERPRISE]: { department: 'Tour', division: 'Park' },
    });
  });

  it('refuses an extension attribute given both qualified and inside the object', () => {
    expect(
      thrown(() => create(user({ [`${ENTERPRISE}:department`]: 'a', [ENTERPRISE]: { Department: 'b' } }))),
    ).toEqual([400, 'invalidSyntax', `Attribute "${ENTERPRISE}:department" is given more than once`]);
  });

  it('refuses the same core attribute qualified and unqualified', () => {
    expect(thrown(() => create(user({ [`${USER}:userName`]: 'other' })))).toEqual([
      400,
      'invalidSyntax',
      'Attribute "userName" is given more than once',
    ]);
  });

  it('treats a qualified sub-attribute key as unknown', () => {
    const { resource, ignored } = create(user({ [`${USER}:name.givenName`]: 'B', 'name.familyName': 'J' }));
    expect(resource).toEqual({ schemas: [USER], userName: 'bjensen' });
    expect(ignored).toEqual([`${USER}:name.givenName`, 'name.familyName']);
  });

  it('refuses an extension value that is not an object', () => {
    expect(thrown(() => create(user({ [ENTERPRISE]: 'Tour' })))).toEqual([
      400,
      'invalidValue',
      `Attribute "${ENTERPRISE}" must be an object`,
    ]);
  });

  it('drops an extension object left empty, but keeps its URN in schemas', () => {
    const { resource, ignored } = create(user({ [ENTERPRISE]: { manager: { displayName: 'John' } } }));
    expect(resource).toEqual({ schemas: [USER, ENTERPRISE], userName: 'bjensen' });
    expect(ignored).toEqual([`${ENTERPRISE}:manager.displayName`]);
  });

  it('treats a null extension object as absent', () => {
    expect(create(user({ [ENTERPRISE]: null }))).toEqual({
      resource: { schemas: [USER], userName: 'bjensen' },
      ignored: [],
      unknown: [],
    });
  });

  it('requires the extensions listed in requiredExtensions', () => {
    const strict: ResourceSchemas = { ...USER_RESOURCE, requiredExtensions: [ENTERPRISE] };
    expect(thrown(() => create(user({}), strict))).toEqual([
      400,
      'invalidValue',
      `Extension "${ENTERPRISE}" is required`,
    ]);
    expect(create({ ...user({}), schemas: [USER, ENTERPRISE] }, strict).resource.schemas).toEqual([USER, ENTERPRISE]);
    expect(create(user({ [`${ENTERPRISE}:department`]: 'x' }), strict).resource[ENTERPRISE]).toEqual({
      department: 'x',
    });
  });
});
