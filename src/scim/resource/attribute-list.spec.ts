import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { parseAttributeList } from './projection';
import { GROUP_RESOURCE, USER_RESOURCE } from './resource-type-context';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parseAttributeList (RFC 7644 §3.4.2.5, §3.9)', () => {
  it('returns undefined for an absent or empty parameter', () => {
    expect(parseAttributeList(undefined, USER_RESOURCE, 'attributes')).toBeUndefined();
    expect(parseAttributeList('', USER_RESOURCE, 'attributes')).toBeUndefined();
    expect(parseAttributeList(' , ,', USER_RESOURCE, 'excludedAttributes')).toBeUndefined();
  });

  it('trims items, skips empty ones and canonicalizes names', () => {
    expect(parseAttributeList(' USERNAME ,, name.GIVENNAME,emails.Value ', USER_RESOURCE, 'attributes')).toEqual([
      'userName',
      'name.givenName',
      'emails.value',
    ]);
  });

  it('resolves URN-qualified attributes and whole extensions', () => {
    const param = [
      `${USER}:displayName`,
      `${ENTERPRISE.toLowerCase()}:DEPARTMENT`,
      `${ENTERPRISE}:manager.value`,
      ENTERPRISE.toUpperCase(),
    ].join(',');
    expect(parseAttributeList(param, USER_RESOURCE, 'attributes')).toEqual([
      'displayName',
      `${ENTERPRISE}:department`,
      `${ENTERPRISE}:manager.value`,
      ENTERPRISE,
    ]);
  });

  it('accepts the common attributes and schemas, and drops duplicates', () => {
    expect(parseAttributeList('id,externalId,meta.lastModified,Schemas,ID', USER_RESOURCE, 'attributes')).toEqual([
      'id',
      'externalId',
      'meta.lastModified',
      'schemas',
    ]);
  });

  it.each([
    ['foo', 'attributes'],
    ['name.foo', 'attributes'],
    ['userName.x', 'excludedAttributes'],
    [`${ENTERPRISE}:floor`, 'excludedAttributes'],
    ['urn:example:x:1.0:y', 'attributes'],
  ] as const)('refuses the unknown attribute %s in %s', (item, name) => {
    expect(thrown(() => parseAttributeList(`userName,${item}`, USER_RESOURCE, name))).toEqual([
      400,
      'invalidValue',
      `Unknown attribute "${item}" in ${name}`,
    ]);
  });

  it('resolves against the resource type it is given', () => {
    expect(parseAttributeList('MEMBERS.value', GROUP_RESOURCE, 'attributes')).toEqual(['members.value']);
    expect(thrown(() => parseAttributeList('userName', GROUP_RESOURCE, 'attributes'))).toEqual([
      400,
      'invalidValue',
      'Unknown attribute "userName" in attributes',
    ]);
  });
});
