import { resourceTypeKey, STATUS_FILTER, statusRange } from './log-filter-values';

describe('request-log filter values', () => {
  it('takes status classes and codes from 100 to 599', () => {
    expect(['1xx', '4xx', '4XX', '5xx', '100', '404', '599'].every((s) => STATUS_FILTER.test(s))).toBe(true);
    expect(['0xx', '6xx', '600', '099', '40', '4044', 'x4xx', '4x', ''].some((s) => STATUS_FILTER.test(s))).toBe(false);
    expect([statusRange('4xx'), statusRange('2XX'), statusRange('404')]).toEqual([
      [400, 500],
      [200, 300],
      [404, 405],
    ]);
  });

  it("reads SCIM's resource type names and the endpoints, any case, as the log stores them; other names as given", () => {
    expect(['User', 'user', 'Users', 'USERS'].map(resourceTypeKey)).toEqual(['Users', 'Users', 'Users', 'Users']);
    expect(['Group', 'groups'].map(resourceTypeKey)).toEqual(['Groups', 'Groups']);
    expect(['bulk', 'serviceproviderconfig', 'Token', '.SEARCH', 'Widgets'].map(resourceTypeKey)).toEqual([
      'Bulk',
      'ServiceProviderConfig',
      'token',
      '.search',
      'Widgets',
    ]);
  });
});
