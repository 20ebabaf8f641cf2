import { ExecutionContext } from '@nestjs/common';
import { ScimPrincipal } from '../auth/principal';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { ScimError } from '../scim/errors/scim-error';
import { AccessGuard } from './access.guard';
import { AccessPolicies } from './access-policies';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter';

const SERVER_ID = '3c8b1f2e-0000-4000-8000-000000000001';

function server(accessSettings: Record<string, unknown>): IdentityServerEntity {
  const at = new Date(0);
  return {
    id: SERVER_ID,
    name: 's',
    active: true,
    isDefault: false,
    logRequests: false,
    logRetentionDays: 30,
    securityMethod: 'bearer',
    securitySettings: {},
    scimSettings: {},
    accessSettings,
    schemaSettings: {},
    roleMapping: {},
    lookupVersion: 0,
    lookupReadyVersion: 0,
    lookupChangedAt: null,
    createdAt: at,
    updatedAt: at,
  };
}

function context(request: { ip: string; scimServer?: IdentityServerEntity; user?: ScimPrincipal }): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

function thrown(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    return e as ScimError;
  }
  throw new Error('did not throw');
}

describe('AccessGuard', () => {
  const guard = new AccessGuard(new AccessPolicies());

  it('lets everyone in when the allowlist is empty or absent', () => {
    expect(guard.canActivate(context({ ip: '203.0.113.7', scimServer: server({}) }))).toBe(true);
    expect(guard.canActivate(context({ ip: '203.0.113.7', scimServer: server({ allowlist: [] }) }))).toBe(true);
  });

  it('lets listed addresses in and refuses others with 403', () => {
    const listed = server({ allowlist: ['192.0.2.0/24', '::1'] });
    expect(guard.canActivate(context({ ip: '192.0.2.9', scimServer: listed }))).toBe(true);
    expect(guard.canActivate(context({ ip: '::ffff:192.0.2.9', scimServer: listed }))).toBe(true);
    expect(guard.canActivate(context({ ip: '::1', scimServer: listed }))).toBe(true);
    const error = thrown(() => guard.canActivate(context({ ip: '198.51.100.1', scimServer: listed })));
    expect(error).toBeInstanceOf(ScimError);
    expect([error.status, error.scimType, error.detail, error.headers]).toEqual([
      403,
      undefined,
      `Client address 198.51.100.1 is not in the allowlist of identity server ${SERVER_ID}`,
      {},
    ]);
  });

  it('must run after ServerResolverGuard', () => {
    expect(() => guard.canActivate(context({ ip: '::1' }))).toThrow('AccessGuard must run after ServerResolverGuard');
  });
});

describe('RateLimitGuard', () => {
  it('answers 429 with Retry-After past the burst, per credential', () => {
    let now = 0;
    const guard = new RateLimitGuard(new AccessPolicies(), new RateLimiter(() => now));
    const limited = server({ rateLimit: { requestsPerSecond: 1, burst: 2 } });
    const as = (credentialId: string | null) =>
      context({ ip: '::1', scimServer: limited, user: { serverId: SERVER_ID, method: 'bearer', credentialId } });
    expect(guard.canActivate(as('c1'))).toBe(true);
    expect(guard.canActivate(as('c1'))).toBe(true);
    const error = thrown(() => guard.canActivate(as('c1')));
    expect([error.status, error.scimType, error.detail, error.headers]).toEqual([
      429,
      undefined,
      `Too many requests to identity server ${SERVER_ID} (limit: 1 per second, bursts of 2); retry after 1 s`,
      { 'retry-after': '1' },
    ]);
    expect(guard.canActivate(as('c2'))).toBe(true);
    expect(guard.canActivate(as(null))).toBe(true);
    now += 1000;
    expect(guard.canActivate(as('c1'))).toBe(true);
  });

  it('must run after ScimAuthGuard', () => {
    const guard = new RateLimitGuard(new AccessPolicies(), new RateLimiter());
    expect(() => guard.canActivate(context({ ip: '::1', scimServer: server({}) }))).toThrow(
      'RateLimitGuard must run after ServerResolverGuard and ScimAuthGuard',
    );
  });
});

describe('AccessPolicies', () => {
  it('compiles a server object once, and a changed server (a new object) anew', () => {
    const policies = new AccessPolicies();
    const before = server({ allowlist: ['10.0.0.0/8'] });
    expect(policies.of(before)).toBe(policies.of(before));
    const after = server({ allowlist: ['11.0.0.0/8'] });
    expect(policies.of(after).allowlist.allows('11.0.0.1')).toBe(true);
    expect(policies.of(before).allowlist.allows('11.0.0.1')).toBe(false);
    expect(policies.of(after).rateLimit).toEqual({ requestsPerSecond: 50, burst: 100 });
  });
});
