import { SCHEMA } from '../constants';
import {
  CORE_RESOURCE_TYPES,
  findResourceType,
  GROUP_RESOURCE_TYPE,
  resourceTypeResource,
  USER_RESOURCE_TYPE,
} from './resource-types';

const BASE = 'https://scim.example.com/t/acme/scim/v2';

describe('resource types (RFC 7643 §6, §8.6)', () => {
  it('CORE_RESOURCE_TYPES holds User and Group', () => {
    expect(CORE_RESOURCE_TYPES).toEqual([USER_RESOURCE_TYPE, GROUP_RESOURCE_TYPE]);
  });

  it('renders the User resource type exactly', () => {
    expect(resourceTypeResource(USER_RESOURCE_TYPE, BASE)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      schemaExtensions: [{ schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false }],
      meta: { resourceType: 'ResourceType', location: `${BASE}/ResourceTypes/User` },
    });
  });

  it('renders the Group resource type exactly', () => {
    expect(resourceTypeResource(GROUP_RESOURCE_TYPE, `${BASE}/`)).toEqual({
      schemas: [SCHEMA.resourceType],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: SCHEMA.group,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${BASE}/ResourceTypes/Group` },
    });
  });

  it('returns a copy detached from the definition', () => {
    const json = resourceTypeResource(USER_RESOURCE_TYPE, BASE);
    json.schemaExtensions[0].required = true;
    expect(USER_RESOURCE_TYPE.schemaExtensions[0].required).toBe(false);
  });

  it('findResourceType matches ids case-insensitively', () => {
    expect(findResourceType(CORE_RESOURCE_TYPES, 'user')).toBe(USER_RESOURCE_TYPE);
    expect(findResourceType(CORE_RESOURCE_TYPES, 'Group')).toBe(GROUP_RESOURCE_TYPE);
    expect(findResourceType(CORE_RESOURCE_TYPES, 'Device')).toBeUndefined();
  });
});
