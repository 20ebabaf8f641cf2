import { RoleMappingSettings } from './role-mapping-settings';
import { sqlRules } from './role-sql';
import { unmatchedRoleValues } from './unmatched-values';

const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const settings: RoleMappingSettings = {
  roles: ['admin', 'viewer'],
  defaultRole: 'viewer',
  entraRolesAddReplaces: false,
  rules: [
    { source: 'attribute', attribute: 'secodaRole', value: 'Admin', role: 'admin', ignoreCase: true },
    { source: 'attribute', attribute: `${ACME}:level`, value: '3', role: 'admin', ignoreCase: false },
    { source: 'entraRole', value: 'Owner', role: 'admin', ignoreCase: false },
    { source: 'group', match: 'externalId', value: 'g1', role: 'viewer', nested: true },
  ],
};

describe('role rules', () => {
  it('lists the source values no rule maps', () => {
    const user = {
      secodaRole: 'ADMIN',
      [ACME]: { level: 2 },
      roles: [{ value: 'Owner' }, { value: 'owner' }, { display: 'x' }],
    };
    expect(unmatchedRoleValues(settings, user)).toEqual([`${ACME}:level=2`, 'roles=owner']);
    expect(unmatchedRoleValues(settings, { secodaRole: ['Admin', 'Guest'] })).toEqual(['secodaRole=Guest']);
    expect(unmatchedRoleValues({ ...settings, roles: [] }, { secodaRole: 'Guest' })).toEqual([]);
  });

  it('hands the rules to SQL most privileged first, with data paths', () => {
    expect(JSON.parse(sqlRules(settings))).toEqual([
      {
        rank: 0,
        role: 'admin',
        kind: 'attribute',
        path: ['secodaRole'],
        value: 'Admin',
        ci: true,
        ext: false,
        nested: false,
      },
      {
        rank: 0,
        role: 'admin',
        kind: 'attribute',
        path: [ACME, 'level'],
        value: '3',
        ci: false,
        ext: false,
        nested: false,
      },
      { rank: 0, role: 'admin', kind: 'entraRole', path: null, value: 'Owner', ci: false, ext: false, nested: false },
      { rank: 1, role: 'viewer', kind: 'group', path: null, value: 'g1', ci: false, ext: true, nested: true },
    ]);
  });
});
