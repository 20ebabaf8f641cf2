import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { sha256Hex } from '../../common/crypto';
import { runAs } from './actor-context';

/** Runs an admin API handler on behalf of the admin token (by a fingerprint) and the client address, for the audit trail. */
@Injectable()
export class AdminActorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = /^Bearer\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1];
    const actor = {
      actor: 'admin-api' as const,
      address: request.ip,
      credential: token ? `sha256:${sha256Hex(token).slice(0, 12)}` : undefined,
    };
    return new Observable((subscriber) => runAs(actor, () => next.handle().subscribe(subscriber)));
  }
}
