import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
} from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ScimError } from '../../scim/errors/scim-error';
import { mapError } from './map-error';

const INTERNAL = { status: 500, detail: 'Internal server error', headers: {} };

function queryFailed(code: string, constraint?: string): QueryFailedError {
  return new QueryFailedError('INSERT ...', [], Object.assign(new Error('duplicate key'), { code, constraint }));
}

describe('mapError', () => {
  describe('ScimError', () => {
    it('passes status, scimType, detail and headers through', () => {
      const error = new ScimError(401, undefined, 'Authentication required', { 'WWW-Authenticate': 'Bearer' });
      expect(mapError(error)).toEqual({
        status: 401,
        detail: 'Authentication required',
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    });

    it('keeps the scimType', () => {
      expect(mapError(ScimError.badRequest('invalidFilter', 'Bad filter'))).toEqual({
        status: 400,
        scimType: 'invalidFilter',
        detail: 'Bad filter',
        headers: {},
      });
    });
  });

  describe('Nest HttpException', () => {
    it('joins an array message with "; " and marks a 400 invalidValue', () => {
      const error = new BadRequestException(['name must be a string', 'isDefault must be a boolean']);
      expect(mapError(error)).toEqual({
        status: 400,
        scimType: 'invalidValue',
        detail: 'name must be a string; isDefault must be a boolean',
        headers: {},
      });
    });

    it.each([
      [new NotFoundException('Server abc not found'), { status: 404, detail: 'Server abc not found', headers: {} }],
      [new NotFoundException(), { status: 404, detail: 'Not Found', headers: {} }],
      [new ForbiddenException('No'), { status: 403, detail: 'No', headers: {} }],
      [new HttpException('I am a teapot', 418), { status: 418, detail: 'I am a teapot', headers: {} }],
      [new HttpException({ message: 'Gone for good' }, 410), { status: 410, detail: 'Gone for good', headers: {} }],
      [new HttpException('plain', 400), { status: 400, scimType: 'invalidValue', detail: 'plain', headers: {} }],
    ])('maps %s', (error, expected) => {
      expect(mapError(error)).toEqual(expected);
    });

    it.each([
      new InternalServerErrorException('connection to 10.0.0.5 refused'),
      new HttpException('secret stack', 503),
    ])('hides the message of a 5xx: %s', (error) => {
      expect(mapError(error)).toEqual({ ...INTERNAL, status: error.getStatus() });
    });
  });

  describe('TypeORM QueryFailedError', () => {
    it.each([
      ['UQ_scim_users_user_name', 'A user with this userName already exists in this identity server'],
      ['UQ_scim_groups_display_name', 'A group with this displayName already exists in this identity server'],
      ['UQ_identity_servers_name', 'An identity server with this name already exists'],
      ['UQ_identity_servers_default', 'Another identity server became the default at the same time; retry'],
    ])('maps a unique violation of %s to 409 uniqueness', (constraint, detail) => {
      expect(mapError(queryFailed('23505', constraint))).toEqual({
        status: 409,
        scimType: 'uniqueness',
        detail,
        headers: {},
      });
    });

    it.each([
      ['23505', 'UQ_unknown'],
      ['23505', undefined],
      ['23503', 'UQ_scim_users_user_name'],
      ['42P01', undefined],
    ])('maps code %s with constraint %s to a generic 500', (code, constraint) => {
      expect(mapError(queryFailed(code, constraint))).toEqual(INTERNAL);
    });

    it.each(['40P01', '40001'])(
      'maps %s (deadlock, serialisation failure: rolled back for a concurrent transaction) to 503 with Retry-After',
      (code) => {
        expect(mapError(queryFailed(code))).toEqual({
          status: 503,
          detail:
            'The request ran into a concurrent change of the same resources and was rolled back; nothing was changed. Retry it',
          headers: { 'retry-after': '1' },
        });
      },
    );
  });

  describe('the database unreachable', () => {
    const unavailable = {
      status: 503,
      detail: 'The database is unavailable; nothing was done. Retry in a few seconds',
      headers: { 'retry-after': '5' },
    };

    it.each([
      [
        'a refused connection',
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ],
      ['the pool acquisition timeout', new Error('timeout exceeded when trying to connect')],
      ['a server shutting down (57P01)', queryFailed('57P01')],
      ['a connection exception (08006)', queryFailed('08006')],
    ])('maps %s to 503 with Retry-After (never the driver message)', (_label, error) => {
      expect(mapError(error)).toEqual(unavailable);
    });
  });

  describe('Fastify errors', () => {
    const fastifyError = (code: string, statusCode: number, message: string) =>
      Object.assign(new Error(message), { code, statusCode });

    it.each([
      [
        fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400, 'Unexpected token } in JSON'),
        {
          status: 400,
          scimType: 'invalidSyntax',
          detail: 'The request body is not valid JSON: Unexpected token } in JSON',
          headers: {},
        },
      ],
      [
        fastifyError('FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'Body cannot be empty'),
        {
          status: 400,
          scimType: 'invalidSyntax',
          detail: 'The request body is not valid JSON: Body cannot be empty',
          headers: {},
        },
      ],
      [
        fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413, 'Request body is too large'),
        { status: 413, detail: 'The request body is larger than this server accepts', headers: {} },
      ],
      [
        fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'Unsupported Media Type: text/plain'),
        { status: 415, detail: 'Send the body as application/scim+json or application/json', headers: {} },
      ],
      [
        fastifyError('FST_ERR_NOT_FOUND', 404, 'Route not found'),
        { status: 404, detail: 'Route not found', headers: {} },
      ],
      [
        fastifyError('FST_ERR_SOMETHING', 503, 'internal details'),
        { status: 503, detail: 'Internal server error', headers: {} },
      ],
    ])('maps %s', (error, expected) => {
      expect(mapError(error)).toEqual(expected);
    });

    it('accepts a plain object shaped like a Fastify error', () => {
      expect(mapError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413, message: 'x' })).toEqual({
        status: 413,
        detail: 'The request body is larger than this server accepts',
        headers: {},
      });
    });
  });

  it.each([
    ['a plain Error', new Error('boom at /srv/app.js:12')],
    ['a TypeError', new TypeError('x is undefined')],
    ['a non-FST coded error', Object.assign(new Error('refused'), { code: 'EACCES', statusCode: 400 })],
    ['an FST error without statusCode', Object.assign(new Error('x'), { code: 'FST_ERR_X' })],
    ['a string', 'oops'],
    ['null', null],
    ['undefined', undefined],
  ])('maps %s to a generic 500', (_label, error) => {
    expect(mapError(error)).toEqual(INTERNAL);
  });
});
