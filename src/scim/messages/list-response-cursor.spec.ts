import { listResponse, Page } from './list-response';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe('listResponse: cursor paging (RFC 9865)', () => {
  const base: Page<{ id: string }> = { resources: [{ id: 'a' }], totalResults: 7, itemsPerPage: 1 };

  it.each<[string, Partial<Page<{ id: string }>>, Record<string, unknown>]>([
    ['first page', { nextCursor: 'n1' }, { nextCursor: 'n1' }],
    ['middle page', { nextCursor: 'n2', previousCursor: 'p2' }, { nextCursor: 'n2', previousCursor: 'p2' }],
    ['last page', { previousCursor: 'p3' }, { previousCursor: 'p3' }],
    ['only page', {}, {}],
    ['empty cursors are still cursors', { nextCursor: '', previousCursor: '' }, { nextCursor: '', previousCursor: '' }],
  ])('%s', (_, cursors, fields) => {
    expect(listResponse({ ...base, ...cursors })).toEqual({
      schemas: [LIST],
      totalResults: 7,
      itemsPerPage: 1,
      ...fields,
      Resources: [{ id: 'a' }],
    });
  });

  it('leaves out startIndex and both cursors when undefined', () => {
    const response = listResponse({ ...base, startIndex: undefined, nextCursor: undefined, previousCursor: undefined });
    expect(Object.keys(response)).toEqual(['schemas', 'totalResults', 'itemsPerPage', 'Resources']);
  });

  it('orders fields as RFC 9865 shows them, Resources last', () => {
    const response = listResponse({ ...base, startIndex: 1, nextCursor: 'n', previousCursor: 'p' });
    expect(Object.keys(response)).toEqual([
      'schemas',
      'totalResults',
      'startIndex',
      'itemsPerPage',
      'nextCursor',
      'previousCursor',
      'Resources',
    ]);
  });

  it('keeps startIndex 0 and index paging without cursors', () => {
    const response = listResponse({ ...base, startIndex: 0 });
    expect(response).toEqual({
      schemas: [LIST],
      totalResults: 7,
      startIndex: 0,
      itemsPerPage: 1,
      Resources: [{ id: 'a' }],
    });
    expect('nextCursor' in response || 'previousCursor' in response).toBe(false);
  });

  it('serializes without undefined members', () => {
    expect(JSON.parse(JSON.stringify(listResponse({ ...base, nextCursor: 'n' })))).toEqual({
      schemas: [LIST],
      totalResults: 7,
      itemsPerPage: 1,
      nextCursor: 'n',
      Resources: [{ id: 'a' }],
    });
  });
});
