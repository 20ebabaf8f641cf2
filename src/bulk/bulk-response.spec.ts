import { ScimError } from '../scim/errors/scim-error';
import { BulkOperation } from './bulk-request';
import { bulkResponse, BulkOperationResponse, failed, succeeded } from './bulk-response';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const post: BulkOperation = { index: 0, method: 'POST', bulkId: 'q', endpoint: 'Users', data: {} };
const del: BulkOperation = { index: 1, method: 'DELETE', endpoint: 'Users', id: 'x' };

describe('bulk response', () => {
  it('describes a success with location, version and the status as a string', () => {
    expect(succeeded(post, 201, 'https://h/scim/v2/s/Users/u', 'W/"1"')).toEqual({
      method: 'POST',
      bulkId: 'q',
      location: 'https://h/scim/v2/s/Users/u',
      version: 'W/"1"',
      status: '201',
    });
    expect(succeeded(del, 204, 'https://h/scim/v2/s/Users/u')).toEqual({
      method: 'DELETE',
      location: 'https://h/scim/v2/s/Users/u',
      status: '204',
    });
  });

  it('describes a failure with the SCIM Error as response', () => {
    expect(failed(post, ScimError.conflict('taken'))).toEqual({
      method: 'POST',
      bulkId: 'q',
      status: '409',
      response: { schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: 'taken' },
    });
    expect(failed(del, { status: 412, detail: 'stale' }, 'https://h/x')).toEqual({
      method: 'DELETE',
      location: 'https://h/x',
      status: '412',
      response: { schemas: [ERROR], status: '412', detail: 'stale' },
    });
  });

  it('lists the outcomes in request order', () => {
    const outcome = (status: string): BulkOperationResponse => ({ method: 'DELETE', status });
    const outcomes = new Map([
      [2, outcome('c')],
      [0, outcome('a')],
      [5, outcome('b')],
    ]);
    expect(bulkResponse(outcomes)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'],
      Operations: [outcome('a'), outcome('c'), outcome('b')],
    });
  });
});
