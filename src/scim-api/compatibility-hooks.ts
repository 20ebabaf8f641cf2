import { FastifyRequest } from 'fastify';
import { requestState } from '../common/http/request-state';
import type {} from '../tenancy/scim-context';
import { CompatibilityCounters } from '../servers/compatibility-counters';

/** The part of a Fastify instance used here (Nest's nested Fastify types and the top-level ones differ). */
interface HookTarget {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addHook(name: string, hook: (...args: any[]) => void): unknown;
}

/** After each SCIM response (success or error): counts the dialect departures the request took or was refused. */
export function installCompatibilityHooks(fastify: HookTarget, counters: CompatibilityCounters): void {
  fastify.addHook('onResponse', (request: FastifyRequest, _reply: unknown, done: () => void) => {
    const scim = requestState(request.raw).scim;
    if (scim) {
      counters.note(scim.tenant.id, scim.leniency.strict, scim.leniency.applied);
      counters.note(scim.tenant.id, false, scim.leniency.noted);
    }
    done();
  });
}
