import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorWriter } from '../errors/error-writer';

/**
 * The one exception filter. Each error source (SCIM domain, Nest HTTP exceptions, the database,
 * Fastify) has its own mapping in `mapError`; this filter only hands the result to the writer.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly writer: ErrorWriter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.writer.write(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}
