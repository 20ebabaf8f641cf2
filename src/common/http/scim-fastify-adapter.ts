import { FastifyAdapter } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { IncomingMessage } from 'node:http';

type ErrorHandler = (error: unknown, request: FastifyRequest, reply: FastifyReply) => void;

/**
 * Nest installs a Fastify error handler that turns Fastify's own errors (bad JSON, body too large,
 * unsupported media type) into bare HttpExceptions and loses their codes. This adapter installs ours
 * in its place, so those errors are mapped precisely, without overriding a handler afterwards.
 */
export class ScimFastifyAdapter extends FastifyAdapter {
  private errorHandler?: ErrorHandler;

  useErrorHandler(handler: ErrorHandler): void {
    this.errorHandler = handler;
  }

  override setErrorHandler(
    handler: Parameters<FastifyAdapter['setErrorHandler']>[0],
  ): ReturnType<FastifyAdapter['setErrorHandler']> {
    return super.setErrorHandler((this.errorHandler ?? handler) as typeof handler);
  }
}

/** Wraps a URL rewrite so that the URL the client sent stays available (for error details). */
export function rememberOriginalUrl(
  rewrite: (url: string, req: IncomingMessage) => string,
): (req: IncomingMessage) => string {
  return (req) => {
    const url = req.url ?? '/';
    (req as IncomingMessage & { clientUrl?: string }).clientUrl = url;
    return rewrite(url, req);
  };
}

export function clientUrlOf(request: FastifyRequest): string {
  return (request.raw as IncomingMessage & { clientUrl?: string }).clientUrl ?? request.url;
}
