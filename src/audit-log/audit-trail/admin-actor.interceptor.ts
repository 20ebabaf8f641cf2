import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { runAs } from './actor-context';

/** Runs an admin API handler on behalf of the admin token and the client address, for the audit trail. */
@Injectable()
export class AdminActorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return new Observable((subscriber) => runAs({ actor: 'admin-api', address: request.ip }, () => next.handle().subscribe(subscriber)));
  }
}
