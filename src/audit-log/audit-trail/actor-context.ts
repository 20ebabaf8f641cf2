import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is making an administrative change. */
export interface AuditActor {
  actor: 'admin-api' | 'cli' | 'system';
  address?: string;
  /** A fingerprint of the admin token that authorised the change. */
  credential?: string;
}

const storage = new AsyncLocalStorage<AuditActor>();

/** Runs `fn` (and everything it awaits) on behalf of `actor`. */
export function runAs<T>(actor: AuditActor, fn: () => T): T {
  return storage.run(actor, fn);
}

/** The actor of the running change; `system` outside the admin API and the CLI. */
export function currentActor(): AuditActor {
  return storage.getStore() ?? { actor: 'system' };
}
