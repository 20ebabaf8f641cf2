import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '../schemas';
import { RESOURCE_COMMON_ATTRIBUTES } from './common-attributes';
import { GROUP_RESOURCE, USER_RESOURCE } from './resource-type-context';

describe('RESOURCE_COMMON_ATTRIBUTES (RFC 7643 §3.1)', () => {
  it('defines id, externalId and meta with their characteristics', () => {
    const [id, externalId, meta] = RESOURCE_COMMON_ATTRIBUTES;
    expect(id).toMatchObject({
      name: 'id',
      type: 'string',
      caseExact: true,
      mutability: 'readOnly',
      returned: 'always',
    });
    expect(externalId).toMatchObject({
      name: 'externalId',
      caseExact: true,
      mutability: 'readWrite',
      returned: 'default',
    });
    expect(meta).toMatchObject({ name: 'meta', type: 'complex', mutability: 'readOnly', returned: 'default' });
    expect(meta.subAttributes?.map((s) => [s.name, s.type, s.mutability])).toEqual([
      ['resourceType', 'string', 'readOnly'],
      ['created', 'dateTime', 'readOnly'],
      ['lastModified', 'dateTime', 'readOnly'],
      ['location', 'reference', 'readOnly'],
      ['version', 'string', 'readOnly'],
    ]);
  });
});

describe('resource contexts', () => {
  it('pairs Users with the enterprise extension and Groups with none', () => {
    expect(USER_RESOURCE).toEqual({ core: USER_SCHEMA, extensions: [ENTERPRISE_USER_SCHEMA] });
    expect(GROUP_RESOURCE).toEqual({ core: GROUP_SCHEMA, extensions: [] });
    expect(Object.isFrozen(USER_RESOURCE)).toBe(true);
  });
});
