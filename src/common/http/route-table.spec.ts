import { RouteTable } from './route-table';

describe('RouteTable', () => {
  let table: RouteTable;

  beforeEach(() => {
    table = new RouteTable();
    table.add('GET', '/scim/v2/:serverId/Users');
    table.add('post', '/scim/v2/:serverId/Users');
    table.add(['GET', 'PUT', 'PATCH', 'DELETE'], '/scim/v2/:serverId/Users/:id');
    table.add('GET', '/scim/v2/:serverId/ServiceProviderConfig');
    table.add('POST', '/scim/v2/:serverId/Bulk');
  });

  it.each([
    ['/scim/v2/_default/Users', ['GET', 'POST']],
    ['/scim/v2/2819c223-7f76-453a-919d-413861904646/Users', ['GET', 'POST']],
    ['/scim/v2/_default/Users/abc', ['DELETE', 'GET', 'PATCH', 'PUT']],
    ['/scim/v2/_default/ServiceProviderConfig', ['GET']],
    ['/scim/v2/s1/Bulk', ['POST']],
  ])('allows at %s %j', (path, methods) => {
    expect(table.allowedMethods(path)).toEqual(methods);
  });

  it('ignores the query string', () => {
    expect(table.allowedMethods('/scim/v2/s1/Users?filter=x&count=2')).toEqual(['GET', 'POST']);
    expect(table.allowedMethods('/scim/v2/s1/Users/abc?attributes=userName')).toEqual([
      'DELETE',
      'GET',
      'PATCH',
      'PUT',
    ]);
  });

  it('merges methods added later to the same pattern, without duplicates', () => {
    table.add(['HEAD', 'get'], '/scim/v2/:serverId/ServiceProviderConfig');
    table.add('OPTIONS', '/scim/v2/:serverId/Bulk');
    expect(table.allowedMethods('/scim/v2/s1/ServiceProviderConfig')).toEqual(['GET', 'HEAD']);
    expect(table.allowedMethods('/scim/v2/s1/Bulk')).toEqual(['OPTIONS', 'POST']);
    expect(table.allowedMethods('/scim/v2/s1/Users')).toEqual(['GET', 'POST']);
  });

  it.each(['/scim/v2/s1/Groups', '/scim/v2/s1/Users/abc/extra', '/scim/v2/Users', '/admin/servers', '/'])(
    'allows nothing at the unknown path %s',
    (path) => {
      expect(table.allowedMethods(path)).toEqual([]);
    },
  );

  it('allows nothing on an empty table', () => {
    expect(new RouteTable().allowedMethods('/scim/v2/s1/Users')).toEqual([]);
  });
});
