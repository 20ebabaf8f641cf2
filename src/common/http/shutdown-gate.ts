import { Injectable } from '@nestjs/common';
import { Server as NetServer } from 'node:net';
import type { Server } from 'node:http';
import { ScimError } from '../../scim/errors/scim-error';

export const SHUTTING_DOWN_DETAIL = 'This instance is shutting down; retry the request (it was not processed)';

/**
 * After SIGTERM, before the listener closes: every request that arrives — on a new connection or a
 * kept-alive one — is answered 503 with `Connection: close` and `Retry-After` instead of being run.
 * Clients are told to close their connections, so when the listener closes none is cut with a
 * request on it (a reset the client cannot tell from a request lost halfway). In-flight requests
 * finish as usual. Readiness answers 503 too, so a load balancer stops routing here.
 */
@Injectable()
export class ShutdownGate {
  private closing = false;

  close(): void {
    this.closing = true;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /** An onRequest hook (typed loosely: Nest's Fastify and ours are two copies of the types). */
  readonly hook = (_request: unknown, _reply: unknown, done: (error?: Error) => void): void => {
    if (!this.closing) return done();
    done(new ScimError(503, undefined, SHUTTING_DOWN_DETAIL, { connection: 'close', 'retry-after': '1' }));
  };
}

/**
 * Stops accepting connections without closing the open ones (Node's `http.Server.close` would also
 * drop the idle ones at once: a client that just wrote a request on one gets a reset). Waits until
 * every open connection has ended — the gate answers their requests 503 with `Connection: close` —
 * or `settleMs` has passed; closing the application then drops only connections idle for that long.
 */
export async function stopAccepting(server: Server, settleMs: number): Promise<void> {
  const drained = new Promise<void>((resolve) => server.once('close', () => resolve()));
  NetServer.prototype.close.call(server);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([drained, new Promise<void>((resolve) => (timer = setTimeout(resolve, settleMs)))]);
  clearTimeout(timer);
}
