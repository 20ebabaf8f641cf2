import { CompatibilityCounters } from '../servers/compatibility-counters';
import { ScimRequest } from './scim-request';

/** The part of a Fastify instance used here (Nest's nested Fastify types and the top-level ones differ). */
interface HookTarget {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addHook(name: string, hook: (...args: any[]) => void): unknown;
}

/** After each SCIM response (success or error): counts the dialect departures the request took or was refused. */
export function installCompatibilityHooks(fastify: HookTarget, counters: CompatibilityCounters): void {
  fastify.addHook('onResponse', (request: ScimRequest, _reply: unknown, done: () => void) => {
    const { scimServer, scimLeniency } = request;
    if (scimServer && scimLeniency) {
      counters.note(scimServer.id, scimLeniency.strict, scimLeniency.applied);
      counters.note(scimServer.id, false, scimLeniency.noted);
    }
    done();
  });
}
