import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthFailureThrottle } from '../../access/auth-failure-throttle';
import { tooManyRequests } from '../../access/too-many-requests';
import { ScimError } from '../../scim/errors/scim-error';
import { tenantOf } from '../../tenancy/scim-context';
import { AuthenticatedRequest } from '../principal';
import { SecurityMethod } from '../../servers/security-method';
import { ScimBasicGuard } from './scim-basic.guard';
import { ScimBearerGuard } from './scim-bearer.guard';
import { ScimDigestGuard } from './scim-digest.guard';
import { ScimOAuthGuard } from './scim-oauth.guard';
import { ScimSelfTestGuard } from './scim-self-test.guard';
import { SELF_TEST_HEADER } from '../../self-test/self-test-credential';

/**
 * Enables exactly the security method configured for the request's identity server (resolved before
 * this guard runs): each method has its own strategy and guard; this one only chooses among them.
 *
 * Failed credentials count against the identity server and the client address together
 * (AuthFailureThrottle, scoped by server id): IdPs share source addresses across customers, so one
 * tenant's misconfigured IdP must not throttle another tenant, and a success at one server must not
 * clear the failures at another. Every credential is checked: a valid one (any method) always
 * passes and clears only its own server's count; a wrong one during a backoff is answered 429 with
 * Retry-After instead of 401. A request without credentials (a Digest client's first request, to
 * get its challenge) is not a failure.
 *
 * A request carrying `X-Scimd-Self-Test` is a self-test run's (src/self-test): it is checked by
 * ScimSelfTestGuard instead, whatever the method — and only by it, so a wrong one is a 401 (counted
 * like any other failure), never a fall-through to the method's guard or to `none`.
 */
@Injectable()
export class ScimAuthGuard implements CanActivate {
  private readonly guards: Record<Exclude<SecurityMethod, 'none'>, CanActivate>;

  constructor(
    basic: ScimBasicGuard,
    digest: ScimDigestGuard,
    bearer: ScimBearerGuard,
    oauth2: ScimOAuthGuard,
    private readonly selfTest: ScimSelfTestGuard,
    private readonly throttle: AuthFailureThrottle,
  ) {
    this.guards = { basic, digest, bearer, oauth2 };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const server = tenantOf(request);
    if (!server) throw new Error('ScimAuthGuard must run after ServerResolverGuard');
    const selfTest = request.headers[SELF_TEST_HEADER] !== undefined;
    if (server.securityMethod === 'none' && !selfTest) {
      request.user = { serverId: server.id, method: 'none', credentialId: null };
      return true;
    }
    const presented = selfTest ? request.headers[SELF_TEST_HEADER] : request.headers.authorization;
    try {
      // A `none` server gets here only with the self-test header.
      const guard = selfTest || server.securityMethod === 'none' ? this.selfTest : this.guards[server.securityMethod];
      const allowed = (await guard.canActivate(context)) as boolean;
      this.throttle.recordSuccess(request.ip, server.id);
      return allowed;
    } catch (error) {
      if (!(error instanceof ScimError) || error.status !== 401 || presented === undefined) throw error;
      const wait = this.throttle.retryAfter(request.ip, server.id);
      if (wait > 0)
        throw tooManyRequests(
          `Too many failed authentications from ${request.ip} at this identity server; retry in ${wait} s`,
          wait,
        );
      this.throttle.recordFailure(request.ip, server.id);
      throw error;
    }
  }
}
