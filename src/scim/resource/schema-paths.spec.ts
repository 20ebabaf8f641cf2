import { ENTERPRISE_USER_SCHEMA } from '../schemas';
import { RESOURCE_COMMON_ATTRIBUTES } from './common-attributes';
import { GROUP_RESOURCE, USER_RESOURCE } from './resource-type-context';
import { coreAttributes, formatPath, resolvePath } from './schema-paths';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const canonical = (text: string) => {
  const resolved = resolvePath(text, USER_RESOURCE);
  return resolved && formatPath(resolved);
};

describe('resolvePath', () => {
  it.each([
    ['username', 'userName'],
    ['NAME.GIVENNAME', 'name.givenName'],
    ['emails.value', 'emails.value'],
    ['ID', 'id'],
    ['meta.LASTMODIFIED', 'meta.lastModified'],
    ['groups.$REF', 'groups.$ref'],
    [`${USER.toLowerCase()}:userName`, 'userName'],
    [`${USER}:name.familyName`, 'name.familyName'],
    [`${USER}:externalid`, 'externalId'],
    [ENTERPRISE.toUpperCase(), ENTERPRISE],
    [`${ENTERPRISE}:department`, `${ENTERPRISE}:department`],
    [`${ENTERPRISE.toLowerCase()}:Manager.Value`, `${ENTERPRISE}:manager.value`],
  ])('resolves %s to %s', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  it.each([
    'foo',
    'name.foo',
    'userName.sub',
    'name.givenName.x',
    `${ENTERPRISE}:userName`,
    `${USER}:department`,
    `${USER}:`,
    USER,
    'urn:example:x:1.0:foo',
    '',
  ])('does not resolve %p', (text) => {
    expect(resolvePath(text, USER_RESOURCE)).toBeUndefined();
  });

  it('knows no extension attributes on Groups', () => {
    expect(resolvePath(`${ENTERPRISE}:department`, GROUP_RESOURCE)).toBeUndefined();
    expect(resolvePath('members.value', GROUP_RESOURCE)?.sub?.name).toBe('value');
  });

  it('returns the definitions themselves', () => {
    expect(resolvePath(ENTERPRISE, USER_RESOURCE)).toEqual({ extension: ENTERPRISE_USER_SCHEMA });
    expect(coreAttributes(USER_RESOURCE).slice(0, 3)).toEqual([...RESOURCE_COMMON_ATTRIBUTES]);
  });
});
