import { ActionInput, deriveAction } from './derive-action';

const PATCH_OP = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];
const ERROR = ['urn:ietf:params:scim:api:messages:2.0:Error'];
const GROUP_ID = 'a99962b9-f99d-4c4f-ac67-000000000001';
const USER_ID = '5171a35d-8207-4e06-8ce2-000000000002';

const action = (input: Partial<ActionInput> & Pick<ActionInput, 'method'>) => deriveAction({ status: 200, ...input });
const patch = (endpoint: string, Operations: unknown[], response?: unknown, status = 200) =>
  action({
    method: 'PATCH',
    endpoint,
    resourceId: endpoint === 'Users' ? USER_ID : GROUP_ID,
    status,
    request: { schemas: PATCH_OP, Operations },
    response,
  });

describe('deriveAction: Microsoft Entra ID', () => {
  it('E1 create user', () => {
    const request = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'jdoe@contoso.com',
      active: true,
      roles: [],
    };
    expect(
      action({
        method: 'POST',
        endpoint: 'Users',
        status: 201,
        request,
        response: { id: USER_ID, userName: 'jdoe@contoso.com' },
      }),
    ).toBe('create user jdoe@contoso.com');
  });

  it('E20 duplicate create → rejected: userName already exists', () => {
    const response = {
      schemas: ERROR,
      status: '409',
      scimType: 'uniqueness',
      detail: 'A user with this userName already exists in this identity server',
    };
    expect(action({ method: 'POST', endpoint: 'Users', status: 409, request: { userName: 'jdoe' }, response })).toBe(
      'rejected: userName already exists',
    );
    expect(
      action({
        method: 'POST',
        endpoint: 'Groups',
        status: 409,
        request: { displayName: 'Sales' },
        response: { ...response },
      }),
    ).toBe('rejected: displayName already exists');
  });

  it('E0/E3 lookups by filter, reads and 404s', () => {
    const query = new URLSearchParams('filter=userName eq "jdoe"');
    expect(action({ method: 'GET', endpoint: 'Users', query })).toBe('search users where userName eq "jdoe"');
    expect(action({ method: 'GET', endpoint: 'Users', query: new URLSearchParams('startIndex=1&count=100') })).toBe(
      'list users',
    );
    expect(action({ method: 'GET', endpoint: 'Users', resourceId: USER_ID, response: { userName: 'jdoe' } })).toBe(
      'read user jdoe',
    );
    expect(
      action({
        method: 'GET',
        endpoint: 'Users',
        resourceId: USER_ID,
        status: 404,
        response: { schemas: ERROR, status: '404', detail: `Resource ${USER_ID} not found` },
      }),
    ).toBe(`rejected: Resource ${USER_ID} not found`);
  });

  it('E5/E6 update user attributes', () => {
    const ops = [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    ];
    expect(patch('Users', ops, { userName: 'jdoe' })).toBe(
      'update user jdoe: emails[type eq "work"].value, name.familyName',
    );
  });

  it('E7 disable user, with "False" as a string (default dialect) or a boolean (flag dialect); re-enable', () => {
    expect(patch('Users', [{ op: 'Replace', path: 'active', value: 'False' }], { userName: 'jdoe@contoso.com' })).toBe(
      'deactivate user jdoe@contoso.com',
    );
    expect(patch('Users', [{ op: 'replace', path: 'active', value: false }], undefined, 204)).toBe(
      `deactivate user ${USER_ID}`,
    );
    expect(patch('Users', [{ op: 'Add', path: 'active', value: 'True' }], { userName: 'jdoe' })).toBe(
      'activate user jdoe',
    );
  });

  it('flag dialect: one path-less replace with dotted and URN keys', () => {
    const ops = [
      {
        op: 'replace',
        value: {
          displayName: 'Bjfe',
          'name.givenName': 'Kkom',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': 'Aklq',
        },
      },
    ];
    expect(patch('Users', ops, { userName: 'jdoe' })).toBe(
      'update user jdoe: displayName, name.givenName, employeeNumber',
    );
  });

  it('E17 manager', () => {
    expect(
      patch(
        'Users',
        [{ op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: 'abc' }],
        { userName: 'jdoe' },
      ),
    ).toBe('update user jdoe: manager');
  });

  it('E8/E15 delete', () => {
    expect(action({ method: 'DELETE', endpoint: 'Users', resourceId: USER_ID, status: 204 })).toBe(
      `delete user ${USER_ID}`,
    );
    expect(action({ method: 'DELETE', endpoint: 'Groups', resourceId: GROUP_ID, status: 204 })).toBe(
      `delete group ${GROUP_ID}`,
    );
  });

  it('E9 create group', () => {
    expect(
      action({
        method: 'POST',
        endpoint: 'Groups',
        status: 201,
        request: { displayName: 'Sales' },
        response: { id: GROUP_ID, displayName: 'Sales', members: [] },
      }),
    ).toBe('create group Sales');
  });

  it('E12 rename group', () => {
    expect(patch('Groups', [{ op: 'Replace', path: 'displayName', value: 'Sales EMEA' }], undefined, 204)).toBe(
      'rename group to Sales EMEA',
    );
  });

  it('E13 add members, one or several', () => {
    expect(
      patch('Groups', [{ op: 'Add', path: 'members', value: [{ $ref: null, value: USER_ID }] }], {
        displayName: 'Sales',
      }),
    ).toBe(`add member ${USER_ID} to group Sales`);
    const two = [
      {
        op: 'Add',
        path: 'members',
        value: [
          { $ref: null, value: 'u1' },
          { $ref: null, value: 'u2' },
        ],
      },
    ];
    expect(patch('Groups', two, { displayName: 'Sales' })).toBe('add 2 members to group Sales');
  });

  it('E14 remove members, with a value list or a members[value eq] path', () => {
    expect(
      patch('Groups', [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: USER_ID }] }], {
        displayName: 'Sales',
      }),
    ).toBe(`remove member ${USER_ID} from group Sales`);
    expect(patch('Groups', [{ op: 'remove', path: `members[value eq "${USER_ID}"]` }], undefined, 204)).toBe(
      `remove member ${USER_ID} from group ${GROUP_ID}`,
    );
  });
});

describe('deriveAction: Okta', () => {
  it('O2 create user (with a password)', () => {
    const request = { userName: 'test.user@okta.local', password: '1mz050nq', active: true, groups: [] };
    expect(
      action({
        method: 'POST',
        endpoint: 'Users',
        status: 201,
        request,
        response: { id: USER_ID, userName: 'test.user@okta.local' },
      }),
    ).toBe('create user test.user@okta.local');
  });

  it('O5 replace user (PUT), AIW deactivation through PUT', () => {
    expect(
      action({
        method: 'PUT',
        endpoint: 'Users',
        resourceId: USER_ID,
        request: { userName: 'test.user@okta.local', active: true },
      }),
    ).toBe('replace user test.user@okta.local');
    expect(
      action({
        method: 'PUT',
        endpoint: 'Users',
        resourceId: USER_ID,
        request: { userName: 'test.user@okta.local', active: false },
      }),
    ).toBe('replace user test.user@okta.local (inactive)');
  });

  it('O6 deactivate and reactivate with a path-less value object', () => {
    expect(patch('Users', [{ op: 'replace', value: { active: false } }], { userName: 'test.user@okta.local' })).toBe(
      'deactivate user test.user@okta.local',
    );
    expect(patch('Users', [{ op: 'replace', value: { active: true } }], undefined, 204)).toBe(
      `activate user ${USER_ID}`,
    );
  });

  it('O7 password sync', () => {
    expect(patch('Users', [{ op: 'replace', value: { password: 'x' } }], { userName: 'a' })).toBe(
      'set password of user a',
    );
  });

  it('O10 rename group (the value object carries the read-only id)', () => {
    expect(
      patch('Groups', [{ op: 'replace', value: { id: GROUP_ID, displayName: 'Test SCIMv2' } }], {
        displayName: 'Test SCIMv2',
      }),
    ).toBe('rename group to Test SCIMv2');
  });

  it('O11 membership: remove by filter and add with display, in one request', () => {
    const ops = [
      { op: 'remove', path: 'members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]' },
      {
        op: 'add',
        path: 'members',
        value: [{ value: '23a35c27-0000-4000-8000-000000000000', display: 'test.user@okta.local' }],
      },
    ];
    expect(patch('Groups', ops, { displayName: 'Test SCIMv2' })).toBe(
      'add member test.user@okta.local to group Test SCIMv2; remove member 89bb1940-b905-4575-9e7f-6f887cfb368e from group Test SCIMv2',
    );
  });

  it('O11 full member replacement, PATCH and AIW PUT', () => {
    expect(
      patch('Groups', [{ op: 'replace', path: 'members', value: [{ value: 'a' }, { value: 'b' }] }], {
        displayName: 'Eng',
      }),
    ).toBe('replace members of group Eng (2 members)');
    expect(
      action({
        method: 'PUT',
        endpoint: 'Groups',
        resourceId: GROUP_ID,
        request: { displayName: 'Eng', members: [{ value: 'a' }] },
      }),
    ).toBe('replace group Eng with 1 member');
  });

  it('S11 wrong credentials', () => {
    const response = {
      schemas: ERROR,
      status: '401',
      detail: 'The bearer token is not valid for this identity server (wrong, expired or revoked)',
    };
    expect(action({ method: 'GET', endpoint: 'Users', status: 401, response })).toBe(
      'rejected: authentication failed: The bearer token is not valid for this identity server (wrong, expired or revoked)',
    );
  });
});

describe('deriveAction: names the bodies do not give', () => {
  it('takes the names of the group and its members from the lookup', () => {
    const names = new Map([
      [GROUP_ID, 'Sales'],
      ['u1', 'jdoe@contoso.com'],
    ]);
    const request = {
      schemas: PATCH_OP,
      Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'u1' }] }],
    };
    expect(
      deriveAction({ method: 'PATCH', endpoint: 'Groups', resourceId: GROUP_ID, status: 204, request, names }),
    ).toBe('add member jdoe@contoso.com to group Sales');
    const remove = { schemas: PATCH_OP, Operations: [{ op: 'remove', path: 'members[value eq "u2"]' }] };
    expect(
      deriveAction({ method: 'PATCH', endpoint: 'Groups', resourceId: GROUP_ID, status: 204, request: remove, names }),
    ).toBe('remove member u2 from group Sales');
  });
});

describe('deriveAction: other endpoints', () => {
  it('bulk, discovery, searches', () => {
    expect(action({ method: 'POST', endpoint: 'Bulk', request: { Operations: [{}, {}, {}] } })).toBe(
      'bulk: 3 operations',
    );
    expect(action({ method: 'GET', endpoint: 'ServiceProviderConfig' })).toBe('read ServiceProviderConfig');
    expect(
      action({ method: 'POST', endpoint: 'Users', resourceId: '.search', request: { filter: 'userName eq "a"' } }),
    ).toBe('search users where userName eq "a"');
    expect(action({ method: 'POST', endpoint: '.search' })).toBe('search all resources');
  });
});
