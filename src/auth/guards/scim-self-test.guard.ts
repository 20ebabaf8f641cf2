import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { safeEqual, sha256Hex } from '../../common/crypto';
import { ScimError } from '../../scim/errors/scim-error';
import { tenantOf } from '../../tenancy/scim-context';
import { AuthenticatedRequest } from '../principal';
import { SELF_TEST_HEADER, selfTestCredentialId } from '../../self-test/self-test-credential';
import { ServerDirectory } from '../../servers/server-directory';
import { SELF_TEST_METHOD } from '../../servers/security-method';

const INVALID = 'The self-test credential is not valid for this identity server (wrong, expired or revoked)';

/**
 * A self-test run's requests (POST /admin/servers/:id/self-test): `X-Scimd-Self-Test: st1.<id>.<secret>`
 * names a credential of method `self-test` that the run minted for this very server, stored as a
 * SHA-256 hash with an expiry of minutes and revoked when the run ends. The credential's state is read
 * through the server directory like any other, so the revocation holds on every instance at once.
 */
@Injectable()
export class ScimSelfTestGuard implements CanActivate {
  constructor(private readonly directory: ServerDirectory) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const server = tenantOf(request);
    const presented = request.headers[SELF_TEST_HEADER];
    const token = typeof presented === 'string' ? presented : undefined;
    const id = token === undefined ? undefined : selfTestCredentialId(token);
    const credential = server && id ? await this.directory.credential(server.id, id) : null;
    if (
      !server ||
      !token ||
      !credential ||
      credential.method !== SELF_TEST_METHOD ||
      !safeEqual(credential.secretHash, sha256Hex(token))
    ) {
      throw new ScimError(401, undefined, INVALID);
    }
    request.user = { serverId: server.id, method: server.securityMethod, credentialId: credential.id };
    return true;
  }
}
