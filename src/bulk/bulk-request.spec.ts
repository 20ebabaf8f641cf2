import { thrownScimError } from '../../test/support/thrown-scim-error';
import { BULK_MAX_OPERATIONS, BULK_MAX_PAYLOAD_SIZE } from './bulk-limits';
import { parseBulkRequest, payloadSizeOf } from './bulk-request';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const ID = '2819c223-7f76-453a-919d-413861904646';
const USER = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'alice' };
const PATCH = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [{ op: 'replace', path: 'active', value: false }],
};

const requestOf = (...Operations: unknown[]) => ({ schemas: [BULK], Operations });
const parse = (body: unknown) => parseBulkRequest(body, 100);
const invalid = (detail: string) => [400, 'invalidSyntax', detail];

describe('parseBulkRequest', () => {
  it('reads every method, with bulkId, version and path', () => {
    expect(
      parse({
        schemas: [BULK],
        failOnErrors: 2,
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'qwerty', data: USER },
          { method: 'put', path: `/Users/${ID}`, version: 'W/"3"', data: USER },
          { method: 'Patch', path: '/Groups/bulkId:qwerty', bulkId: 'p1', data: PATCH },
          { method: 'DELETE', path: `/Groups/${ID}`, version: 'W/"1", W/"2"' },
        ],
      }),
    ).toEqual({
      failOnErrors: 2,
      operations: [
        { index: 0, method: 'POST', bulkId: 'qwerty', endpoint: 'Users', data: USER },
        { index: 1, method: 'PUT', ifMatch: [3], endpoint: 'Users', id: ID, data: USER },
        { index: 2, method: 'PATCH', bulkId: 'p1', endpoint: 'Groups', id: 'bulkId:qwerty', data: PATCH },
        { index: 3, method: 'DELETE', ifMatch: [1, 2], endpoint: 'Groups', id: ID },
      ],
    });
  });

  it('reads attribute names case-insensitively, takes null as absent and ignores unknown attributes', () => {
    expect(
      parse({
        SCHEMAS: [BULK.toLowerCase()],
        failonerrors: null,
        operations: [{ METHOD: 'delete', Path: `/Users/${ID}`, BulkID: null, Version: '*', data: null, location: 'x' }],
        extra: true,
      }),
    ).toEqual({ operations: [{ index: 0, method: 'DELETE', ifMatch: '*', endpoint: 'Users', id: ID }] });
  });

  it('keeps no version for POST and accepts no operations', () => {
    expect(
      parse(requestOf({ method: 'POST', path: '/Groups', bulkId: 'g', version: 'W/"1"', data: {} })).operations,
    ).toEqual([{ index: 0, method: 'POST', bulkId: 'g', endpoint: 'Groups', data: {} }]);
    expect(parse(requestOf())).toEqual({ operations: [] });
  });

  it.each([
    ['a non-object body', [], 'The request body must be a BulkRequest JSON object'],
    ['a null body', null, 'The request body must be a BulkRequest JSON object'],
    ['no schemas', { Operations: [] }, `"schemas" must contain "${BULK}"`],
    [
      'another message',
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] },
      `"schemas" must contain "${BULK}"`,
    ],
    ['no Operations', { schemas: [BULK] }, '"Operations" must be an array of operations'],
    ['an Operations object', { schemas: [BULK], Operations: {} }, '"Operations" must be an array of operations'],
    [
      'failOnErrors 0',
      { schemas: [BULK], failOnErrors: 0, Operations: [] },
      '"failOnErrors" must be a positive integer',
    ],
    [
      'failOnErrors 1.5',
      { schemas: [BULK], failOnErrors: 1.5, Operations: [] },
      '"failOnErrors" must be a positive integer',
    ],
    [
      'failOnErrors "1"',
      { schemas: [BULK], failOnErrors: '1', Operations: [] },
      '"failOnErrors" must be a positive integer',
    ],
  ])('refuses %s', (_label, body, detail) => {
    expect(thrownScimError(() => parse(body))).toEqual(invalid(detail));
  });

  it.each([
    ['a non-object operation', 'x', 'Operations[1] must be an object'],
    [
      'no method',
      { path: '/Users', bulkId: 'b', data: USER },
      'Operations[1].method must be one of POST, PUT, PATCH, DELETE',
    ],
    ['GET', { method: 'GET', path: '/Users' }, 'Operations[1].method must be one of POST, PUT, PATCH, DELETE'],
    [
      'a POST without bulkId',
      { method: 'POST', path: '/Users', data: USER },
      'Operations[1].bulkId is required with POST',
    ],
    [
      'an empty bulkId',
      { method: 'POST', path: '/Users', bulkId: '', data: USER },
      'Operations[1].bulkId must be a non-empty string',
    ],
    [
      'a numeric bulkId',
      { method: 'DELETE', path: `/Users/${ID}`, bulkId: 7 },
      'Operations[1].bulkId must be a non-empty string',
    ],
    ['no path', { method: 'POST', bulkId: 'b', data: USER }, 'Operations[1].path must be /Users or /Groups with POST'],
    [
      'a POST to a resource',
      { method: 'POST', path: `/Users/${ID}`, bulkId: 'b', data: USER },
      'Operations[1].path must be /Users or /Groups with POST',
    ],
    [
      'a POST elsewhere',
      { method: 'POST', path: '/Devices', bulkId: 'b', data: USER },
      'Operations[1].path must be /Users or /Groups with POST',
    ],
    [
      'a path without slash',
      { method: 'POST', path: 'Users', bulkId: 'b', data: USER },
      'Operations[1].path must be /Users or /Groups with POST',
    ],
    [
      'a path with a query',
      { method: 'POST', path: '/Users?attributes=id', bulkId: 'b', data: USER },
      'Operations[1].path must be /Users or /Groups with POST',
    ],
    [
      'a PUT to the endpoint',
      { method: 'PUT', path: '/Users', data: USER },
      'Operations[1].path must be /Users/<id> or /Groups/<id> with PUT',
    ],
    [
      'a DELETE below a resource',
      { method: 'DELETE', path: `/Groups/${ID}/members` },
      'Operations[1].path must be /Users/<id> or /Groups/<id> with DELETE',
    ],
    [
      'a lower-case endpoint',
      { method: 'PATCH', path: `/users/${ID}`, data: PATCH },
      'Operations[1].path must be /Users/<id> or /Groups/<id> with PATCH',
    ],
    [
      'a numeric version',
      { method: 'DELETE', path: `/Users/${ID}`, version: 3 },
      'Operations[1].version must be an entity tag such as W/"3"',
    ],
    [
      'a malformed version',
      { method: 'DELETE', path: `/Users/${ID}`, version: '3' },
      'Operations[1].version: Malformed entity tag "3": send W/"<version>" as found in meta.version',
    ],
    [
      'a POST without data',
      { method: 'POST', path: '/Users', bulkId: 'b' },
      'Operations[1].data must be a JSON object with POST',
    ],
    [
      'a PUT with array data',
      { method: 'PUT', path: `/Users/${ID}`, data: [USER] },
      'Operations[1].data must be a JSON object with PUT',
    ],
    [
      'a PATCH with string data',
      { method: 'PATCH', path: `/Users/${ID}`, data: 'x' },
      'Operations[1].data must be a JSON object with PATCH',
    ],
    [
      'a DELETE with data',
      { method: 'DELETE', path: `/Users/${ID}`, data: {} },
      'Operations[1].data is not allowed with DELETE',
    ],
  ])('refuses %s, naming the field', (_label, operation, detail) => {
    const first = { method: 'POST', path: '/Users', bulkId: 'a', data: USER };
    expect(thrownScimError(() => parse(requestOf(first, operation)))).toEqual(invalid(detail));
  });

  it('refuses a bulkId used twice', () => {
    const body = requestOf(
      { method: 'POST', path: '/Users', bulkId: 'a', data: USER },
      { method: 'PATCH', path: `/Users/${ID}`, bulkId: 'b', data: PATCH },
      { method: 'POST', path: '/Groups', bulkId: 'a', data: {} },
    );
    expect(thrownScimError(() => parse(body))).toEqual(
      invalid('Operations[2].bulkId "a" is already used by Operations[0]'),
    );
  });

  it('answers 413 beyond maxOperations, before looking at the operations', () => {
    expect(BULK_MAX_OPERATIONS).toBe(1000);
    const many = Array.from({ length: BULK_MAX_OPERATIONS + 1 }, () => 'not even an object');
    expect(thrownScimError(() => parse(requestOf(...many)))).toEqual([
      413,
      undefined,
      'The number of operations (1001) exceeds the maxOperations (1000)',
    ]);
    const max = Array.from({ length: BULK_MAX_OPERATIONS }, () => ({ method: 'DELETE', path: `/Users/${ID}` }));
    expect(parse(requestOf(...max)).operations).toHaveLength(1000);
  });

  it('answers 413 beyond maxPayloadSize, before looking at the body', () => {
    expect(BULK_MAX_PAYLOAD_SIZE).toBe(1048576);
    expect(thrownScimError(() => parseBulkRequest('anything', 1048577))).toEqual([
      413,
      undefined,
      'The size of the bulk operation (1048577 bytes) exceeds the maxPayloadSize (1048576)',
    ]);
    expect(parseBulkRequest(requestOf(), 1048576)).toEqual({ operations: [] });
  });
});

describe('payloadSizeOf', () => {
  it.each([
    ['1234', { a: 1 }, 1234],
    [' 88 ', { a: 1 }, 88],
    [undefined, { a: 'é' }, 10],
    ['', [1, 2], 5],
    ['12abc', 'x', 3],
  ])('reads Content-Length %j (body %j) as %i bytes', (header, body, expected) => {
    expect(payloadSizeOf(header, body)).toBe(expected);
  });
});
