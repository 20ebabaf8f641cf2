import { accessSettingsOf } from '../../access/access-settings';
import { CredentialView, ServerView } from '../dto/server.view';
import { NONE_WARNING } from '../security-method';
import { CredentialEntity } from '../entities/credential.entity';
import { IdentityServerEntity } from '../entities/identity-server.entity';
import { scimSettingsOf } from '../scim-settings';

export function scimUrlOf(publicUrl: string, serverId: string): string {
  return `${publicUrl}/scim/v2/${serverId}`;
}

/** The admin view of a server: never any secret. */
export function mapServer(server: IdentityServerEntity, publicUrl: string): ServerView {
  return {
    id: server.id,
    name: server.name,
    isDefault: server.isDefault,
    active: server.active,
    logRequests: server.logRequests,
    logRetentionDays: server.logRetentionDays,
    security: securityView(server),
    scim: scimSettingsOf(server.scimSettings),
    access: accessSettingsOf(server.accessSettings),
    scimUrl: scimUrlOf(publicUrl, server.id),
    ...(server.securityMethod === 'none' && { warnings: [NONE_WARNING(server.name, scimUrlOf(publicUrl, server.id))] }),
    createdAt: server.createdAt.toISOString(),
    updatedAt: server.updatedAt.toISOString(),
  };
}

export function mapCredential(credential: CredentialEntity): CredentialView {
  return {
    id: credential.id,
    method: credential.method as CredentialView['method'],
    ...(credential.username !== null && { username: credential.username }),
    createdAt: credential.createdAt.toISOString(),
    expiresAt: credential.expiresAt?.toISOString() ?? null,
    revokedAt: credential.revokedAt?.toISOString() ?? null,
  };
}

/** The security settings as shown: never the approval secret's hash. */
function securityView(server: IdentityServerEntity): ServerView['security'] {
  const { approvalSecretHash, ...settings } = server.securitySettings;
  return {
    method: server.securityMethod,
    ...settings,
    ...(approvalSecretHash !== undefined && { approvalSecret: 'set' }),
  };
}
