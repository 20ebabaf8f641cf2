import { ScimError } from '../errors/scim-error';
import { errorResponse } from './error-response';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('errorResponse', () => {
  it('writes status as a string and keeps scimType', () => {
    expect(errorResponse({ status: 400, scimType: 'invalidFilter', detail: 'Bad filter' })).toEqual({
      schemas: [ERROR],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'Bad filter',
    });
  });

  it('omits scimType when undefined', () => {
    const body = errorResponse({ status: 404, scimType: undefined, detail: 'Resource not found' });
    expect(body).toEqual({ schemas: [ERROR], status: '404', detail: 'Resource not found' });
    expect(Object.keys(body)).toEqual(['schemas', 'status', 'detail']);
  });

  it('takes a ScimError, leaving out its headers', () => {
    const body = errorResponse(ScimError.conflict('Taken'));
    expect(body).toEqual({ schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: 'Taken' });
    expect(JSON.stringify(body)).toBe(
      `{"schemas":["${ERROR}"],"status":"409","detail":"Taken","scimType":"uniqueness"}`,
    );
  });
});
