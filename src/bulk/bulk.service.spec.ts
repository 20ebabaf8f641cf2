import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { GroupsService } from '../groups/groups.service';
import { ScimError } from '../scim/errors/scim-error';
import { ScimContext } from '../tenancy/scim-context';
import { UsersService } from '../users/users.service';
import { BulkRequest } from './bulk-request';
import { BulkService } from './bulk.service';

const SERVER = 's1';
/** The request's context: the services read only what they are handed, so a stand-in tenant does. */
const CTX = { tenant: { id: SERVER }, requestId: 'req-1' } as unknown as ScimContext;
const BASE = 'https://scimd.test/scim/v2/s1';
const U1 = '00000000-0000-4000-8000-000000000001';
const G1 = '00000000-0000-4000-8000-0000000000a1';
const createdId = (digit: string, n: number) => `00000000-0000-4000-8000-${digit}${String(n).padStart(11, '0')}`;
const NEW_G = createdId('2', 1);
const NEW_U = createdId('1', 1);
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A Users or Groups service that creates ids in sequence and records its calls. */
function fakeWriter(endpoint: 'Users' | 'Groups', digit: string) {
  let next = 0;
  const response = (id: string, version: number) => ({ body: { id }, version, location: `${BASE}/${endpoint}/${id}` });
  return {
    create: jest.fn(async () => response(createdId(digit, ++next), 1)),
    replace: jest.fn(async (_c: ScimContext, id: string) => response(id, 2)),
    patch: jest.fn(async (_c: ScimContext, id: string) => response(id, 3)),
    delete: jest.fn(async () => undefined),
  };
}

describe('BulkService', () => {
  let users: ReturnType<typeof fakeWriter>;
  let groups: ReturnType<typeof fakeWriter>;
  let service: BulkService;
  let logged: jest.SpyInstance;

  beforeEach(() => {
    users = fakeWriter('Users', '1');
    groups = fakeWriter('Groups', '2');
    service = new BulkService(
      users as unknown as UsersService,
      groups as unknown as GroupsService,
      { publicUrl: 'https://scimd.test' } as AppConfig,
    );
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('runs each operation through its service in the request context, with resolved references, If-Match and no resource to read', async () => {
    const request: BulkRequest = {
      operations: [
        {
          index: 0,
          method: 'POST',
          bulkId: 'g',
          endpoint: 'Groups',
          data: { displayName: 'G', members: [{ value: 'bulkId:u' }] },
        },
        { index: 1, method: 'POST', bulkId: 'u', endpoint: 'Users', data: { userName: 'u' } },
        { index: 2, method: 'PATCH', endpoint: 'Groups', id: 'bulkId:g', ifMatch: [1], data: { Operations: [] } },
        { index: 3, method: 'PUT', endpoint: 'Users', id: U1.toUpperCase(), data: { userName: 'x' } },
        { index: 4, method: 'DELETE', endpoint: 'Users', id: 'bulkId:u', ifMatch: '*' },
        { index: 5, method: 'DELETE', endpoint: 'Groups', id: 'not-a-uuid' },
      ],
    };
    expect(await service.process(CTX, request)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'],
      Operations: [
        { method: 'POST', bulkId: 'g', location: `${BASE}/Groups/${NEW_G}`, version: 'W/"1"', status: '201' },
        { method: 'POST', bulkId: 'u', location: `${BASE}/Users/${NEW_U}`, version: 'W/"1"', status: '201' },
        { method: 'PATCH', location: `${BASE}/Groups/${NEW_G}`, version: 'W/"3"', status: '200' },
        { method: 'PUT', location: `${BASE}/Users/${U1}`, version: 'W/"2"', status: '200' },
        { method: 'DELETE', location: `${BASE}/Users/${NEW_U}`, status: '204' },
        {
          method: 'DELETE',
          status: '404',
          response: { schemas: [ERROR], status: '404', detail: 'Resource not-a-uuid not found' },
        },
      ],
    });
    const projection = { attributes: ['id'] };
    expect(users.create).toHaveBeenCalledWith(CTX, { userName: 'u' }, { projection, ifMatch: undefined });
    expect(groups.create).toHaveBeenCalledWith(
      CTX,
      { displayName: 'G', members: [{ value: NEW_U }] },
      { projection, ifMatch: undefined },
    );
    expect(groups.patch).toHaveBeenCalledWith(CTX, NEW_G, { Operations: [] }, { ifMatch: [1], projection });
    expect(users.replace).toHaveBeenCalledWith(CTX, U1, { userName: 'x' }, { ifMatch: undefined, projection });
    expect(users.delete).toHaveBeenCalledWith(CTX, NEW_U, { ifMatch: '*', projection });
    expect(groups.delete).not.toHaveBeenCalled();
  });

  it('answers DELETE with 204 and the location', async () => {
    const request: BulkRequest = {
      operations: [{ index: 0, method: 'DELETE', endpoint: 'Groups', id: G1, ifMatch: [4] }],
    };
    expect((await service.process(CTX, request)).Operations).toEqual([
      { method: 'DELETE', location: `${BASE}/Groups/${G1}`, status: '204' },
    ]);
    expect(groups.delete).toHaveBeenCalledWith(CTX, G1, { ifMatch: [4], projection: { attributes: ['id'] } });
  });

  it('turns an unexpected error into a logged, generic 500 for that operation only', async () => {
    const boom = new Error('connection to 10.0.0.5 refused');
    users.replace.mockRejectedValueOnce(boom);
    const request: BulkRequest = {
      operations: [
        { index: 0, method: 'PUT', endpoint: 'Users', id: U1, data: {} },
        { index: 1, method: 'PATCH', endpoint: 'Users', id: U1, data: {} },
      ],
    };
    expect((await service.process({ ...CTX, requestId: 'req-9' }, request)).Operations).toEqual([
      {
        method: 'PUT',
        location: `${BASE}/Users/${U1}`,
        status: '500',
        response: { schemas: [ERROR], status: '500', detail: 'Internal server error (request id req-9)' },
      },
      { method: 'PATCH', location: `${BASE}/Users/${U1}`, version: 'W/"3"', status: '200' },
    ]);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalledWith({ err: boom, reqId: 'req-9', operation: 0 }, 'bulk operation failed');
  });

  it('stops after failOnErrors errors and leaves the rest out', async () => {
    users.create.mockRejectedValueOnce(ScimError.conflict('taken'));
    const request: BulkRequest = {
      failOnErrors: 1,
      operations: [
        { index: 0, method: 'POST', bulkId: 'a', endpoint: 'Users', data: {} },
        { index: 1, method: 'POST', bulkId: 'b', endpoint: 'Users', data: {} },
      ],
    };
    expect((await service.process(CTX, request)).Operations).toEqual([
      {
        method: 'POST',
        bulkId: 'a',
        status: '409',
        response: { schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: 'taken' },
      },
    ]);
    expect(users.create).toHaveBeenCalledTimes(1);
    expect(logged).not.toHaveBeenCalled();
  });
});
