import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { ScimError } from '../errors/scim-error';
import { parseFilter } from '../filter';
import { applyPatch } from '../patch/apply';
import { BABS, enterpriseUser, ENTERPRISE, group, MANAGER, ops, user } from '../patch/patch.fixture';
import { GROUP_RESOURCE, normalizeResource, USER_RESOURCE } from '../resource';
import { parseAttributeList } from '../resource/attribute-list';
import { Leniency, NORMALISATION_KINDS } from './leniency';
import { qualifyFilter } from './qualify';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** Runs `fn` with a lenient and a strict leniency: [lenient result, its kinds, strict error, strict kinds]. */
function both<T>(fn: (leniency: Leniency) => T): {
  value: T;
  applied: readonly string[];
  refused: ReturnType<typeof thrown>;
  refusedKinds: readonly string[];
} {
  const lenient = new Leniency(false);
  const value = fn(lenient);
  const strict = new Leniency(true);
  const refused = thrown(() => fn(strict));
  return { value, applied: lenient.applied, refused, refusedKinds: strict.applied };
}

describe('Leniency', () => {
  it('records each kind once, in order, and throws the refusal only when strict', () => {
    const lenient = new Leniency();
    lenient.allow('boolean-string', () => ScimError.badRequest('invalidValue', 'no'));
    lenient.allow('trailing-slash', () => ScimError.badRequest('invalidValue', 'no'));
    lenient.allow('boolean-string', () => ScimError.badRequest('invalidValue', 'no'));
    expect(lenient.applied).toEqual(['boolean-string', 'trailing-slash']);
    const strict = new Leniency(true);
    expect(() => strict.allow('scim11-urn', () => ScimError.badRequest('invalidValue', 'refused'))).toThrow('refused');
    expect(strict.applied).toEqual(['scim11-urn']);
  });

  it('keeps kinds chosen by a setting apart, never refused', () => {
    const strict = new Leniency(true);
    strict.note('unknown-member-ignored');
    expect([strict.applied, strict.noted]).toEqual([[], ['unknown-member-ignored']]);
  });

  it('names its kinds', () => {
    expect(NORMALISATION_KINDS).toEqual([
      'boolean-string',
      'manager-string',
      'single-value-as-list',
      'bare-member-value',
      'unqualified-extension-attribute',
      'typed-element-created',
      'scim11-urn',
      'unquoted-filter-value',
      'value-path-sub-attribute',
      'empty-string-as-clear',
      'attributes-filter',
      'lowercase-endpoint',
      'trailing-slash',
      'role-as-json-text',
      'unknown-member-ignored',
    ]);
  });
});

describe('normalizeResource with a leniency (POST / PUT bodies)', () => {
  it.each([
    ['True', true],
    ['False', false],
    ['true', true],
    ['false', false],
    ['TRUE', true],
  ])('reads "active": %p as %p (Entra, OneLogin)', (text, value) => {
    const {
      value: result,
      applied,
      refused,
      refusedKinds,
    } = both((l) =>
      normalizeResource({ schemas: [USER], userName: 'b', active: text }, USER_RESOURCE, 'create', { leniency: l }),
    );
    expect(result.resource.active).toBe(value);
    expect(applied).toEqual(['boolean-string']);
    expect(refused).toEqual([
      400,
      'invalidValue',
      `Attribute "active" must be a boolean (true or false), not the string "${text}"`,
    ]);
    expect(refusedKinds).toEqual(['boolean-string']);
  });

  it('reads boolean strings in sub-attributes too (emails.primary)', () => {
    const { value } = both((l) =>
      normalizeResource(
        { schemas: [USER], userName: 'b', emails: [{ value: 'b@x.org', primary: 'True' }] },
        USER_RESOURCE,
        'create',
        { leniency: l },
      ),
    );
    expect(value.resource.emails).toEqual([{ value: 'b@x.org', primary: true }]);
  });

  it('still refuses other strings for a boolean', () => {
    expect(
      thrown(() =>
        normalizeResource({ schemas: [USER], userName: 'b', active: 'yes' }, USER_RESOURCE, 'create', {
          leniency: new Leniency(),
        }),
      ),
    ).toEqual([400, 'invalidValue', 'Attribute "active" must be a boolean']);
  });

  it('takes a plain id for the manager (Entra) and answers the object form', () => {
    const body = { schemas: [USER, ENTERPRISE], userName: 'b', [ENTERPRISE]: { manager: MANAGER } };
    const { value, applied, refused } = both((l) => normalizeResource(body, USER_RESOURCE, 'create', { leniency: l }));
    expect(value.resource[ENTERPRISE]).toEqual({ manager: { value: MANAGER } });
    expect(applied).toEqual(['manager-string']);
    expect(refused).toEqual([
      400,
      'invalidValue',
      `Attribute "${ENTERPRISE}:manager" must be an object such as {"value": "${MANAGER}"}, not a bare string`,
    ]);
  });

  it('takes bare member ids in a Group body', () => {
    const { value, applied } = both((l) =>
      normalizeResource({ schemas: [GROUP], displayName: 'g', members: [BABS] }, GROUP_RESOURCE, 'create', {
        leniency: l,
      }),
    );
    expect(value.resource.members).toEqual([{ value: BABS }]);
    expect(applied).toEqual(['bare-member-value']);
  });

  it('takes the SCIM 1.1 core URN for the 2.0 core schema (OneLogin templates)', () => {
    const body = {
      schemas: ['urn:scim:schemas:core:1.0'],
      userName: 'b',
      id: null,
      name: { givenName: 'B', managerId: 'x' },
    };
    const { value, applied, refused } = both((l) => normalizeResource(body, USER_RESOURCE, 'create', { leniency: l }));
    expect(value.resource).toEqual({ schemas: [USER], userName: 'b', name: { givenName: 'B' } });
    expect(value.unknown).toEqual(['name.managerId']);
    expect(applied).toEqual(['scim11-urn']);
    expect(refused).toEqual([
      400,
      'invalidSyntax',
      `"schemas" must contain "${USER}", not the SCIM 1.1 URN "urn:scim:schemas:core:1.0"`,
    ]);
  });

  it('ignores the SCIM 1.1 URN beside the 2.0 one, and unknown URNs (the ADSCIM Group schema), in both modes', () => {
    const adscim = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
    for (const strict of [false, true]) {
      const leniency = new Leniency(strict);
      const result = normalizeResource(
        { schemas: [GROUP, adscim], displayName: 'g', meta: { resourceType: 'Group' } },
        GROUP_RESOURCE,
        'create',
        { leniency },
      );
      expect(result.resource).toEqual({ schemas: [GROUP], displayName: 'g' });
      expect(result.ignored).toEqual([`schemas:${adscim}`, 'meta']);
      expect(leniency.applied).toEqual([]);
    }
  });

  it('takes explicit nulls for absent without recording anything (RFC 7643 §2.5 allows them)', () => {
    const leniency = new Leniency(true);
    const body = {
      schemas: [USER],
      userName: 'b',
      addresses: null,
      title: null,
      [ENTERPRISE]: { manager: null },
      emails: [{ value: 'b@x.org', $ref: null }],
    };
    expect(normalizeResource(body, USER_RESOURCE, 'create', { leniency }).resource).toEqual({
      schemas: [USER, ENTERPRISE],
      userName: 'b',
      emails: [{ value: 'b@x.org' }],
    });
    expect(leniency.applied).toEqual([]);
  });

  it('is strict without a leniency', () => {
    expect(
      thrown(() => normalizeResource({ schemas: [USER], userName: 'b', active: 'True' }, USER_RESOURCE, 'create'))[0],
    ).toBe(400);
  });
});

describe('applyPatch with a leniency', () => {
  const patch = (resource: Record<string, unknown>, leniency: Leniency, ...operations: unknown[]) =>
    applyPatch(resource, ops(...operations), USER_RESOURCE, { leniency });

  it('creates the typed element an Entra path names when there is none (emails, phoneNumbers, addresses)', () => {
    const { value, applied, refused, refusedKinds } = both((l) =>
      patch(
        user(),
        l,
        { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555' },
        { op: 'Replace', path: 'emails[type eq "other"].Value', value: 'o@x.org' },
        { op: 'Add', path: 'addresses[type eq "home"].postalCode', value: '90210' },
      ),
    );
    expect(value.resource.phoneNumbers).toEqual([{ type: 'mobile', value: '+1 555' }]);
    expect((value.resource.emails as unknown[])[2]).toEqual({ type: 'other', value: 'o@x.org' });
    expect((value.resource.addresses as unknown[])[1]).toEqual({
      type: 'home',
      streetAddress: '456 Hollywood Blvd',
      locality: 'Hollywood',
      postalCode: '90210',
    });
    expect(applied).toEqual(['typed-element-created']);
    expect(refused).toEqual([
      400,
      'noTarget',
      'Operations[0]: No value of "phoneNumbers" matches the filter of path "phoneNumbers[type eq "mobile"].value"',
    ]);
    expect(refusedKinds).toEqual(['typed-element-created']);
  });

  it('reads "" written to a single-valued attribute as removing it (Entra); strict stores ""', () => {
    const lenient = new Leniency(false);
    const cleared = patch(
      { ...user(), title: 'Tour Guide', nickName: 'Babs' },
      lenient,
      { op: 'Replace', path: 'title', value: '' },
      { op: 'add', path: 'nickName', value: '' },
    );
    expect([cleared.resource.title, cleared.resource.nickName, lenient.applied]).toEqual([
      undefined,
      undefined,
      ['empty-string-as-clear'],
    ]);
    const strict = new Leniency(true);
    const kept = patch({ ...user(), title: 'Tour Guide' }, strict, { op: 'Replace', path: 'title', value: '' });
    expect([kept.resource.title, strict.applied]).toEqual(['', ['empty-string-as-clear']]);
    // Not for multi-valued or complex attributes: "" is no element and no object.
    const list = new Leniency(false);
    expect(thrown(() => patch(user(), list, { op: 'add', path: 'name', value: '' }))[0]).toBe(400);
    expect(list.applied).toEqual([]);
  });

  it('updates the typed element when it exists, recording nothing', () => {
    const leniency = new Leniency(true);
    const result = patch(user(), leniency, { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@x.org' });
    expect((result.resource.emails as unknown[])[0]).toEqual({ value: 'new@x.org', type: 'work', primary: true });
    expect(leniency.applied).toEqual([]);
  });

  it('sets the manager from a plain id, by URN path (Entra), and clears it with ""', () => {
    const { value, applied } = both((l) =>
      patch(user(), l, { op: 'Add', path: `${ENTERPRISE}:manager`, value: MANAGER }),
    );
    expect(value.resource[ENTERPRISE]).toEqual({ manager: { value: MANAGER } });
    expect(applied).toEqual(['manager-string']);
    const cleared = patch(enterpriseUser(), new Leniency(), {
      op: 'Replace',
      path: `${ENTERPRISE}:manager`,
      value: '',
    });
    expect(cleared.resource[ENTERPRISE]).toEqual({ department: 'Tour Operations' });
  });

  it("takes a one-element list for the manager (Entra's documented update)", () => {
    const { value, applied, refused } = both((l) =>
      patch(user(), l, {
        op: 'Add',
        path: `${ENTERPRISE}:manager`,
        value: [{ $ref: 'https://x/Users/1', value: MANAGER }],
      }),
    );
    expect(value.resource[ENTERPRISE]).toEqual({ manager: { $ref: 'https://x/Users/1', value: MANAGER } });
    expect(applied).toEqual(['single-value-as-list']);
    expect(refused).toEqual([
      400,
      'invalidValue',
      `Operations[0]: The value of "${ENTERPRISE}:manager" is single-valued and must be an object, not a list`,
    ]);
  });

  it("takes a bare member id (Microsoft's suite) in a deferred members operation", () => {
    const run = (l: Leniency) =>
      applyPatch(group(), ops({ op: 'add', path: 'members', value: 'string id 1' }), GROUP_RESOURCE, {
        deferred: ['members'],
        leniency: l,
      });
    const { value, applied, refused } = both(run);
    expect(value.deferred).toEqual([{ op: 'add', attribute: 'members', index: 0, values: [{ value: 'string id 1' }] }]);
    expect(applied).toEqual(['bare-member-value']);
    expect(refused).toEqual([
      400,
      'invalidValue',
      'Operations[0]: Element 0 of the value of "members" must be an object such as {"value": "string id 1"}, not a bare string',
    ]);
  });

  it('applies a path-less replace with dotted and URN-qualified keys (Entra aadOptscim062020) without recording anything', () => {
    const leniency = new Leniency(true);
    const result = patch(enterpriseUser(), leniency, {
      op: 'replace',
      value: {
        displayName: 'Bjfe',
        'name.givenName': 'Kkom',
        'name.familyName': 'Unua',
        [`${ENTERPRISE}:employeeNumber`]: 'Aklq',
      },
    });
    expect(result.resource.displayName).toBe('Bjfe');
    expect(result.resource.name).toEqual({ givenName: 'Kkom', familyName: 'Unua' });
    expect((result.resource[ENTERPRISE] as Record<string, unknown>).employeeNumber).toBe('Aklq');
    expect(leniency.applied).toEqual([]);
  });
});

describe("extension attributes named without their URN (Entra's manager)", () => {
  it('qualifies a PATCH path, a path-less key and a body key when lenient; leaves them unknown when strict', () => {
    for (const [strict, expected] of [
      [false, { manager: { value: MANAGER } }],
      [true, undefined],
    ] as const) {
      const leniency = new Leniency(strict);
      const byPath = applyPatch(
        user(),
        ops({ op: 'Add', path: 'manager', value: [{ $ref: null, value: MANAGER }] }),
        USER_RESOURCE,
        { leniency },
      );
      expect(byPath.resource[ENTERPRISE]).toEqual(expected);
      const pathless = applyPatch(
        user(),
        ops({ op: 'replace', value: { manager: { value: MANAGER } } }),
        USER_RESOURCE,
        { leniency },
      );
      expect(pathless.resource[ENTERPRISE]).toEqual(expected);
      const body = normalizeResource({ schemas: [USER], userName: 'b', manager: MANAGER }, USER_RESOURCE, 'create', {
        leniency: new Leniency(strict),
      });
      expect(body.resource[ENTERPRISE]).toEqual(expected);
      expect(leniency.applied[0]).toBe('unqualified-extension-attribute');
    }
  });

  it('qualifies the paths of a filter, not core names', () => {
    const leniency = new Leniency();
    const filter = qualifyFilter(
      parseFilter(`id eq "1" and not (manager eq "${MANAGER}") and department pr`),
      USER_RESOURCE,
      leniency,
    );
    expect(filter).toMatchObject({
      kind: 'and',
      left: {
        kind: 'and',
        left: { path: { attr: 'id' } },
        right: { kind: 'not', filter: { path: { uri: ENTERPRISE, attr: 'manager' } } },
      },
      right: { path: { attr: 'department' } },
    });
    // Only the manager: other extension attributes named without their URN stay unknown.
    expect((filter as { right: { path: { uri?: string } } }).right.path.uri).toBeUndefined();
    expect(leniency.applied).toEqual(['unqualified-extension-attribute']);
    const strict = new Leniency(true);
    const unqualified = parseFilter('manager eq "x"');
    expect(qualifyFilter(unqualified, USER_RESOURCE, strict)).toBe(unqualified);
    expect(strict.applied).toEqual(['unqualified-extension-attribute']);
  });
});

describe('parseFilter with a leniency', () => {
  it.each([
    ['userName sw O', { op: 'sw', value: 'O' }],
    ['externalId eq jyoung', { op: 'eq', value: 'jyoung' }],
    ['meta.Created gt 2015-10-10T14:38:21.8617979-07:00', { op: 'gt', value: '2015-10-10T14:38:21.8617979-07:00' }],
  ])('reads the unquoted value of %s as a string', (text, expected) => {
    const { value, applied, refused } = both((l) => parseFilter(text, { leniency: l }));
    expect(value).toMatchObject(expected);
    expect(applied).toEqual(['unquoted-filter-value']);
    expect(refused[0]).toBe(400);
    expect(refused[1]).toBe('invalidFilter');
  });

  it('reads Entra\'s emails[type eq "work"].value eq "x" as emails[type eq "work" and value eq "x"]', () => {
    const { value, applied, refused, refusedKinds } = both((l) =>
      parseFilter('emails[type eq "work"].value eq "a@b.c" and active eq true', { leniency: l }),
    );
    const withoutPositions = (f: unknown) => JSON.parse(JSON.stringify(f, (key, v) => (key === 'pos' ? undefined : v)));
    expect(withoutPositions(value)).toEqual(
      withoutPositions(parseFilter('emails[type eq "work" and value eq "a@b.c"] and active eq true')),
    );
    expect(applied).toEqual(['value-path-sub-attribute']);
    expect(refused).toEqual([
      400,
      'invalidFilter',
      'Invalid filter at position 22: a filter cannot name a sub-attribute after a value filter ("emails[…].value"); put the condition inside the brackets instead: emails[… and value …]',
    ]);
    expect(refusedKinds).toEqual(['value-path-sub-attribute']);
    expect(
      thrown(() => parseFilter('emails[type eq "work"].value[primary eq true]', { leniency: new Leniency(false) }))[1],
    ).toBe('invalidFilter');
  });

  it('records nothing for quoted values, numbers and literals', () => {
    const leniency = new Leniency(true);
    parseFilter('userName eq "a" and active eq true and x eq 5 and y eq null', { leniency });
    expect(leniency.applied).toEqual([]);
  });
});

describe('parseAttributeList with a leniency', () => {
  it.each([
    ['emails[type eq "work"]', ['emails']],
    ['userName,emails[value eq "a,b"].value', ['userName', 'emails.value']],
  ])('selects the attribute of %s', (param, expected) => {
    const { value, applied, refused } = both((l) => parseAttributeList(param, USER_RESOURCE, 'attributes', l));
    expect(value).toEqual(expected);
    expect(applied).toEqual(['attributes-filter']);
    expect(refused[0]).toBe(400);
  });

  it('names the attribute to select when strict', () => {
    expect(
      thrown(() => parseAttributeList('emails[type eq "work"]', USER_RESOURCE, 'attributes', new Leniency(true))),
    ).toEqual([
      400,
      'invalidValue',
      'attributes lists attribute names only, not value filters: "emails[type eq "work"]" (select "emails" instead)',
    ]);
  });
});
