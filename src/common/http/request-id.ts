import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';

const ACCEPTABLE = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * The request id: the caller's X-Request-Id when it is a sane token (so ids correlate across a load
 * balancer), a fresh UUID otherwise. Stored on the raw request so pino-http logs the same id.
 */
export function requestId(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && ACCEPTABLE.test(header) ? header : randomUUID();
  (req as IncomingMessage & { id: string }).id = id;
  return id;
}
