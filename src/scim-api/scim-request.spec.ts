import { canonicalScimUrl, DEFAULT_SERVER_SEGMENT, rewriteScimUrl, SCIM_ENDPOINTS } from './scim-request';

describe('rewriteScimUrl', () => {
  it('names the default server segment _default', () => {
    expect(DEFAULT_SERVER_SEGMENT).toBe('_default');
  });

  it.each([
    ['/scim/v2/Users', '/scim/v2/_default/Users'],
    ['/scim/v2/Users?startIndex=2&count=5', '/scim/v2/_default/Users?startIndex=2&count=5'],
    [
      '/scim/v2/Users/2819c223-7f76-453a-919d-413861904646',
      '/scim/v2/_default/Users/2819c223-7f76-453a-919d-413861904646',
    ],
    ['/scim/v2/Groups/abc?attributes=members', '/scim/v2/_default/Groups/abc?attributes=members'],
    ['/scim/v2/Users/', '/scim/v2/_default/Users/'],
    [
      '/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User',
      '/scim/v2/_default/Schemas/urn:ietf:params:scim:schemas:core:2.0:User',
    ],
    ['/scim/v2/.search', '/scim/v2/_default/.search'],
    ['/scim/v2/Users/.search', '/scim/v2/_default/Users/.search'],
  ])('rewrites %s', (url, expected) => {
    expect(rewriteScimUrl(url)).toBe(expected);
  });

  it.each(SCIM_ENDPOINTS.map((e) => [e]))('rewrites the endpoint %s', (endpoint) => {
    expect(rewriteScimUrl(`/scim/v2/${endpoint}`)).toBe(`/scim/v2/_default/${endpoint}`);
    expect(rewriteScimUrl(`/scim/v2/${endpoint}?a=b`)).toBe(`/scim/v2/_default/${endpoint}?a=b`);
  });

  it('knows the RFC 7644 endpoints', () => {
    expect(SCIM_ENDPOINTS).toEqual([
      'Users',
      'Groups',
      'Schemas',
      'ResourceTypes',
      'ServiceProviderConfig',
      'Bulk',
      'Me',
      '.search',
    ]);
  });

  it.each([
    '/scim/v2/2819c223-7f76-453a-919d-413861904646/Users',
    '/scim/v2/2819c223-7f76-453a-919d-413861904646/Users?count=1',
    '/scim/v2/_default/Users',
    '/scim/v2/Unknown',
    '/scim/v2/Userss',
    '/scim/v2/users',
    '/scim/v2',
    '/scim/v2/',
    '/scim/v2?x=Users',
    '/scim/v1/Users',
    '/admin/servers',
    '/admin/scim/v2/Users',
    '/',
  ])('leaves %s unchanged', (url) => {
    expect(rewriteScimUrl(url)).toBe(url);
  });
});

describe('canonicalScimUrl', () => {
  const ID = '2819c223-7f76-453a-919d-413861904646';
  it.each([
    [`/scim/v2/${ID}/users`, `/scim/v2/${ID}/Users`, ['lowercase-endpoint']],
    [
      `/scim/v2/${ID}/Users/?filter=a%20eq%20%22b%22`,
      `/scim/v2/${ID}/Users?filter=a%20eq%20%22b%22`,
      ['trailing-slash'],
    ],
    [`/scim/v2/${ID}/groups/${ID}/`, `/scim/v2/${ID}/Groups/${ID}`, ['lowercase-endpoint', 'trailing-slash']],
    ['/scim/v2/serviceproviderconfig', '/scim/v2/ServiceProviderConfig', ['lowercase-endpoint']],
    ['/scim/v2/Users/', '/scim/v2/Users', ['trailing-slash']],
  ])('%s → %s', (url, expected, fixes) => {
    expect(canonicalScimUrl(url)).toEqual({ url: expected, fixes });
  });

  it.each([
    `/scim/v2/${ID}/Users`,
    `/scim/v2/${ID}/Users?x=/`,
    `/scim/v2/${ID}/`,
    '/scim/v2/',
    '/scim/v2/Unknown/',
    '/admin/servers/',
    `/scim/v2/${ID}/Users/.search`,
  ])('leaves %s', (url) => {
    expect(canonicalScimUrl(url)).toEqual({ url, fixes: [] });
  });
});
