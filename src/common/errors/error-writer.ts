import { loggableError } from './loggable-error';
import { HttpException } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { SCIM_CONTENT_TYPE } from '../../scim/constants';
import { errorResponse } from '../../scim/messages/error-response';
import { isUnsupportedMediaType, unsupportedMediaType } from '../http/media-types';
import { RouteTable } from '../http/route-table';
import { clientUrlOf } from '../http/scim-fastify-adapter';
import { HttpError } from './http-error';
import { mapError } from './map-error';

export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

/**
 * Writes any error as a response: an RFC 7644 §3.12 Error under /scim, the admin API's JSON elsewhere.
 * Used by the Nest exception filter and by Fastify's error handler (errors raised before routing).
 */
export class ErrorWriter {
  constructor(
    private readonly routes: RouteTable,
    private readonly logger: ErrorLogger,
  ) {}

  write(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const scim = request.url.startsWith('/scim/');
    let error = mapError(exception);
    if (error.status === 404 && isRouteNotFound(exception)) error = this.routeNotFound(request);
    if (isUnsupportedMediaType(exception)) error = unsupportedMediaType(request);
    if (error.status === 500) {
      this.logger.error({ err: loggableError(exception), reqId: request.id }, 'request failed');
      error = { ...error, detail: `Internal server error (request id ${request.id})` };
    }
    reply.status(error.status).headers(error.headers);
    if (scim) {
      reply.header('content-type', SCIM_CONTENT_TYPE).send(JSON.stringify(errorResponse(error)));
    } else {
      reply.send(
        structuredBody(exception) ?? {
          statusCode: error.status,
          error: STATUS_CODES[error.status] ?? 'Error',
          message: error.detail,
        },
      );
    }
  }

  private routeNotFound(request: FastifyRequest): HttpError {
    const path = clientUrlOf(request).split('?')[0];
    const allowed = this.routes.allowedMethods(request.url);
    if (allowed.length > 0) {
      return {
        status: 405,
        detail: `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`,
        headers: { allow: allowed.join(', ') },
      };
    }
    return { status: 404, detail: `No endpoint at ${request.method} ${path}`, headers: {} };
  }
}

/** An HttpException that carries a structured body of its own (the health report's 503) keeps it. */
function structuredBody(exception: unknown): object | undefined {
  if (!(exception instanceof HttpException)) return undefined;
  const response = exception.getResponse();
  return typeof response === 'object' && response !== null && !('message' in response) ? response : undefined;
}

/** Nest's router raises `NotFoundException("Cannot GET /x")` for an unknown route. */
function isRouteNotFound(exception: unknown): boolean {
  const e = exception as { message?: unknown; constructor?: { name?: string } };
  return (
    e?.constructor?.name === 'NotFoundException' && typeof e.message === 'string' && /^Cannot [A-Z]+ \//.test(e.message)
  );
}
