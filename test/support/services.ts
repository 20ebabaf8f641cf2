/**
 * The service tier (test/services): the real services of the running app, on its real database, driven
 * directly instead of through HTTP. Every import of a service from src/ is here, in one place, so that a
 * move of a module changes one file.
 */
import { mapError } from '../../src/common/errors/map-error';
import { HttpError } from '../../src/common/errors/http-error';
import { Leniency } from '../../src/scim/compat/leniency';
import { ScimContext } from '../../src/tenancy/scim-context';
import { TenantDirectory } from '../../src/tenancy/tenant-directory';
import { ServersService } from '../../src/servers/servers.service';
import { CreateServerDto } from '../../src/servers/dto/create-server.dto';
import { CreatedServerView } from '../../src/servers/dto/server.view';
import { uniqueName } from './factories';
import { ENGINE, TestApp } from './test-app';

export { UsersService } from '../../src/users/users.service';
export { UsersRepository } from '../../src/users/users.repository';
export { GroupsService } from '../../src/groups/groups.service';
export { GroupsRepository } from '../../src/groups/groups.repository';
export { GroupMembersService } from '../../src/groups/group-members.service';
export { MembershipsRepository } from '../../src/memberships/memberships.repository';
export { ServersService } from '../../src/servers/servers.service';
export { ServersRepository } from '../../src/servers/servers.repository';
export { CredentialsService } from '../../src/servers/credentials.service';
export { CredentialsRepository } from '../../src/servers/credentials.repository';
export { TokenSigner } from '../../src/auth/token-signer.service';
export { ServerDirectory } from '../../src/servers/server-directory';
export { RoleMappingService } from '../../src/role-mapping/role-mapping.service';
export { TenantDirectory } from '../../src/tenancy/tenant-directory';
export { WRITE_ATTEMPTS } from '../../src/database/optimistic-write';
export { ScimError } from '../../src/scim/errors/scim-error';
export { ENGINE, TestApp };

/** A projection that returns the whole resource (the default of a request without `attributes`). */
export const WHOLE = { projection: {} } as const;

/** A new identity server, created through ServersService as the admin API does. */
export function createServerWith(app: TestApp, dto: Partial<CreateServerDto> = {}): Promise<CreatedServerView> {
  return app
    .get(ServersService)
    .create({ name: uniqueName(), security: { method: 'bearer' }, ...dto } as CreateServerDto);
}

/** The SCIM context a request to this server gets (its tenant as read now, a fresh leniency). */
export async function contextOf(app: TestApp, serverId: string): Promise<ScimContext> {
  const tenant = await app.get(TenantDirectory).byId(serverId);
  if (!tenant) throw new Error(`no tenant ${serverId}`);
  return { tenant, leniency: new Leniency(tenant.scim.strict), requestId: 'service-test' };
}

/** The error `promise` rejects with, as the HTTP layer would answer it: [status, scimType, detail]. */
export async function refusal(promise: Promise<unknown>): Promise<[number, string | undefined, string]> {
  let error: HttpError;
  try {
    await promise;
  } catch (e) {
    error = mapError(e);
    return [error.status, error.scimType, error.detail];
  }
  throw new Error('did not throw');
}

type ArgsOf<F> = F extends (...a: infer A) => unknown ? A : never;

/**
 * Spies on `object[method]`, calling through, and runs `write` (a real concurrent write) `before` or
 * `after` its next `times` calls. Calls made while `write` runs (the concurrent write's own) go
 * straight through and do not count.
 */
function interleave<T extends object, K extends keyof T>(
  object: T,
  method: K,
  when: 'before' | 'after',
  write: (...args: ArgsOf<T[K]>) => Promise<unknown>,
  times: number,
): jest.SpyInstance {
  const original = (object[method] as (...a: unknown[]) => unknown).bind(object);
  const spy = jest.spyOn(object, method as never) as unknown as jest.SpyInstance;
  let left = times;
  let writing = false;
  const concurrently = async (args: unknown[]) => {
    if (left === 0 || writing) return;
    left -= 1;
    writing = true;
    try {
      await (write as (...a: unknown[]) => Promise<unknown>)(...args);
    } finally {
      writing = false;
    }
  };
  spy.mockImplementation(async (...args: unknown[]) => {
    if (writing) return original(...args);
    if (when === 'before') await concurrently(args);
    const result = await original(...args);
    if (when === 'after') await concurrently(args);
    return result;
  });
  return spy;
}

/** Runs `write` before each of the next `times` calls of `object[method]` (then the real method). */
export function beforeNextCalls<T extends object, K extends keyof T>(
  object: T,
  method: K,
  write: (...args: ArgsOf<T[K]>) => Promise<unknown>,
  times = 1,
): jest.SpyInstance {
  return interleave(object, method, 'before', write, times);
}

/** Runs `write` after each of the next `times` calls of `object[method]` (before its caller goes on). */
export function afterNextCalls<T extends object, K extends keyof T>(
  object: T,
  method: K,
  write: (...args: ArgsOf<T[K]>) => Promise<unknown>,
  times = 1,
): jest.SpyInstance {
  return interleave(object, method, 'after', write, times);
}

/** Whether two sessions can run at once (PostgreSQL); the embedded database has one. */
export const TWO_SESSIONS = ENGINE === 'postgres';
