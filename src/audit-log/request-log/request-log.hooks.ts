import { FastifyReply, FastifyRequest } from 'fastify';
import { requestState } from '../../common/http/request-state';
import { captureRequest, mustRecord } from './captured-request';
import { RequestLogWriter } from './request-log.writer';

/**
 * Fastify hooks that feed the request log. `onSend` keeps a reference to the payload (a string, or a
 * stream that is never read here) and `onResponse` hands the finished request to the writer. For a
 * server that does not log requests, both stop at one flag check — unless the guards refused the
 * request (401, 403, 429), which is always recorded, without bodies.
 */
/** The part of a Fastify instance used here (Nest bundles its own copy of Fastify's types). */
interface HookTarget {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addHook(name: string, hook: (...args: any[]) => void): unknown;
}

export function installRequestLogHooks(fastify: HookTarget, writer: RequestLogWriter): void {
  fastify.addHook(
    'onSend',
    (req: unknown, res: unknown, payload: unknown, done: (error: null, payload: unknown) => void) => {
      const [request, reply] = [req as unknown as FastifyRequest, res as unknown as FastifyReply];
      if (mustRecord(request, reply.statusCode)) requestState(request.raw).payload = payload;
      done(null, payload);
    },
  );
  fastify.addHook('onResponse', (req: unknown, res: unknown, done: () => void) => {
    const [request, reply] = [req as unknown as FastifyRequest, res as unknown as FastifyReply];
    const server = mustRecord(request, reply.statusCode);
    if (server) {
      const { entry, bytes } = captureRequest(request, reply, server);
      writer.record(entry, bytes);
    }
    done();
  });
}
