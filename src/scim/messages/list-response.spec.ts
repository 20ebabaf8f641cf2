import { listOf, listResponse } from './list-response';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe('listResponse', () => {
  it('wraps a page, renaming resources to Resources', () => {
    expect(
      listResponse({ resources: [{ id: 'a' }, { id: 'b' }], totalResults: 12, startIndex: 3, itemsPerPage: 2 }),
    ).toEqual({
      schemas: [LIST],
      totalResults: 12,
      startIndex: 3,
      itemsPerPage: 2,
      Resources: [{ id: 'a' }, { id: 'b' }],
    });
  });

  it('keeps an empty page', () => {
    expect(listResponse({ resources: [], totalResults: 5, startIndex: 10, itemsPerPage: 0 })).toEqual({
      schemas: [LIST],
      totalResults: 5,
      startIndex: 10,
      itemsPerPage: 0,
      Resources: [],
    });
  });
});

describe('listOf', () => {
  it.each([
    [[], 0],
    [['x'], 1],
    [['x', 'y', 'z'], 3],
  ])('counts %j as a complete list of %i', (resources, count) => {
    expect(listOf(resources)).toEqual({
      schemas: [LIST],
      totalResults: count,
      startIndex: 1,
      itemsPerPage: count,
      Resources: resources,
    });
  });
});
