import { ScimError } from '../scim/errors/scim-error';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, parsePaging, refuseFilter } from './paging';

function thrown(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScimError);
    return e as ScimError;
  }
  throw new Error('did not throw');
}

describe('parsePaging', () => {
  it('uses the defaults without parameters', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(100);
    expect(MAX_PAGE_SIZE).toBe(1000);
    expect(parsePaging({})).toEqual({ startIndex: 1, count: 100 });
  });

  it.each([
    [{ startIndex: '3', count: '20' }, { startIndex: 3, count: 20 }],
    [{ startIndex: '0' }, { startIndex: 1, count: 100 }],
    [{ startIndex: '-5' }, { startIndex: 1, count: 100 }],
    [{ count: '0' }, { startIndex: 1, count: 0 }],
    [{ count: '-1' }, { startIndex: 1, count: 0 }],
    [{ count: '1000' }, { startIndex: 1, count: 1000 }],
    [{ count: '5000' }, { startIndex: 1, count: MAX_PAGE_SIZE }],
    [{ count: ' 7 ' }, { startIndex: 1, count: 7 }],
    [{ STARTINDEX: '4', COUNT: '2' }, { startIndex: 4, count: 2 }],
    [{ startindex: '9', Count: '8' }, { startIndex: 9, count: 8 }],
    [{ startIndex: '2', filter: 'x', attributes: 'userName' }, { startIndex: 2, count: 100 }],
  ])('reads %j', (query, expected) => {
    expect(parsePaging(query)).toEqual(expected);
  });

  it.each([
    ['startIndex', { startIndex: 'abc' }],
    ['startIndex', { STARTINDEX: '1.5' }],
    ['startIndex', { startIndex: '' }],
    ['startIndex', { startIndex: '1e3' }],
    ['startIndex', { startIndex: ['1', '2'] }],
    ['count', { count: 'abc' }],
    ['count', { count: '1.5' }],
    ['count', { count: '' }],
    ['count', { COUNT: '0x10' }],
    ['count', { count: 5 }],
  ])('refuses a non-integer %s in %j', (name, query) => {
    const error = thrown(() => parsePaging(query));
    expect([error.status, error.scimType, error.detail]).toEqual([400, 'invalidValue', `Query parameter ${name} must be an integer`]);
  });
});

describe('refuseFilter', () => {
  it.each([{ filter: 'userName eq "bjensen"' }, { FILTER: '' }, { Filter: 'x', count: '1' }])('refuses %j', (query) => {
    const error = thrown(() => refuseFilter(query));
    expect([error.status, error.scimType, error.detail]).toEqual([
      400,
      'invalidFilter',
      'Filtering is not supported by this server yet (see ServiceProviderConfig.filter)',
    ]);
  });

  it.each([{}, { count: '1', startIndex: '2' }, { filters: 'x' }, { sortBy: 'userName' }])('accepts %j', (query) => {
    expect(refuseFilter(query)).toBeUndefined();
  });
});
