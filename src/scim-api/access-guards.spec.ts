import { ExecutionContext } from '@nestjs/common';
import { RateLimiter } from '../access/rate-limiter';
import { ScimPrincipal } from '../auth/principal';
import { requestState } from '../common/http/request-state';
import { Leniency } from '../scim/compat/leniency';
import { ScimError } from '../scim/errors/scim-error';
import { buildScimTenant, ScimTenant } from '../tenancy/scim-tenant';
import { SERVER_ID, serverRow } from '../tenancy/server-row.fixture';
import { AccessGuard } from './access.guard';
import { RateLimitGuard } from './rate-limit.guard';

/** A tenant with these access settings. */
function server(accessSettings: Record<string, unknown>): ScimTenant {
  return buildScimTenant(serverRow({ accessSettings }));
}

/** A request whose SCIM context is that of `scimServer`, as ServerResolverGuard sets it. */
function context(given: { ip: string; scimServer?: ScimTenant; user?: ScimPrincipal }): ExecutionContext {
  const { scimServer, ...request } = given;
  const raw = {};
  if (scimServer) requestState(raw).scim = { tenant: scimServer, leniency: new Leniency(), requestId: 'req-1' };
  return { switchToHttp: () => ({ getRequest: () => ({ ...request, raw }) }) } as unknown as ExecutionContext;
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
  const guard = new AccessGuard();

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
    const guard = new RateLimitGuard(new RateLimiter(() => now));
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
    const guard = new RateLimitGuard(new RateLimiter());
    expect(() => guard.canActivate(context({ ip: '::1', scimServer: server({}) }))).toThrow(
      'RateLimitGuard must run after ServerResolverGuard and ScimAuthGuard',
    );
  });
});
