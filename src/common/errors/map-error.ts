import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ScimError } from '../../scim/errors/scim-error';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_DETAIL,
  isDatabaseUnavailable,
} from './database-unavailable';
import { HttpError } from './http-error';

/** Unique indexes whose violation is a client's conflict, with the message a person can act on. */
const UNIQUE_MESSAGES: Record<string, string> = {
  UQ_identity_servers_name: 'An identity server with this name already exists',
  UQ_identity_servers_default: 'Another identity server became the default at the same time; retry',
  UQ_scim_users_user_name: 'A user with this userName already exists in this identity server',
  UQ_scim_groups_display_name: 'A group with this displayName already exists in this identity server',
};

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
}

/** Maps any thrown value to an HttpError. Only client errors keep their message; 5xx stay generic. */
export function mapError(exception: unknown): HttpError {
  if (exception instanceof ScimError) {
    return {
      status: exception.status,
      scimType: exception.scimType,
      detail: exception.detail,
      headers: exception.headers,
    };
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (isDatabaseUnavailable(exception)) {
    return {
      status: 503,
      detail: DATABASE_UNAVAILABLE_DETAIL,
      headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  }
  if (exception instanceof QueryFailedError) return fromDatabase(exception);
  if (isFastifyError(exception)) return fromFastify(exception);
  return { status: 500, detail: 'Internal server error', headers: {} };
}

function fromHttpException(exception: HttpException): HttpError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  let detail = exception.message;
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = (response as { message: unknown }).message;
    detail = Array.isArray(message) ? message.join('; ') : String(message);
  }
  if (status >= 500) detail = 'Internal server error';
  return { status, scimType: status === 400 ? 'invalidValue' : undefined, detail, headers: {} };
}

function fromDatabase(exception: QueryFailedError): HttpError {
  const driverError = exception.driverError as { code?: string; constraint?: string };
  if (driverError.code === '23505' && driverError.constraint && UNIQUE_MESSAGES[driverError.constraint]) {
    return { status: 409, scimType: 'uniqueness', detail: UNIQUE_MESSAGES[driverError.constraint], headers: {} };
  }
  if (driverError.code !== undefined && TRANSIENT_CODES.has(driverError.code)) {
    return {
      status: 503,
      detail:
        'The request ran into a concurrent change of the same resources and was rolled back; nothing was changed. Retry it',
      headers: { 'retry-after': '1' },
    };
  }
  return { status: 500, detail: 'Internal server error', headers: {} };
}

/**
 * A deadlock (40P01) or serialisation failure (40001): PostgreSQL rolled the transaction back because
 * of another one running at the same time (two writes to the same group and member in opposite
 * orders). Not the client's fault and not lasting: 503 with Retry-After, which IdPs retry.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['40P01', '40001']);

function isFastifyError(exception: unknown): exception is FastifyLikeError {
  const e = exception as FastifyLikeError | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.code === 'string' &&
    e.code.startsWith('FST_') &&
    typeof e.statusCode === 'number'
  );
}

function fromFastify(exception: FastifyLikeError): HttpError {
  const status = exception.statusCode ?? 500;
  switch (exception.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        scimType: 'invalidSyntax',
        detail: `The request body is not valid JSON: ${exception.message}`,
        headers: {},
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, detail: 'The request body is larger than this server accepts', headers: {} };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, detail: 'Send the body as application/scim+json or application/json', headers: {} };
    default:
      return status >= 500
        ? { status, detail: 'Internal server error', headers: {} }
        : { status, detail: exception.message, headers: {} };
  }
}
