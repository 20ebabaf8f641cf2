import { AdminAuditEntity } from '../audit-log/entities/admin-audit.entity';
import { RequestLogEntity } from '../audit-log/entities/request-log.entity';
import { DigestNonceEntity } from '../auth/entities/digest-nonce.entity';
import { OAuthCodeEntity } from '../oauth/entities/oauth-code.entity';
import { OAuthTokenEntity } from '../oauth/entities/oauth-token.entity';
import { GroupMemberEntity } from '../memberships/entities/group-member.entity';
import { GroupEntity } from '../groups/entities/group.entity';
import { CredentialEntity } from '../servers/entities/credential.entity';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { ServerCounterEntity } from '../servers/entities/server-counter.entity';
import { SystemSecretEntity } from '../system/entities/system-secret.entity';
import { UserEntity } from '../users/entities/user.entity';

/** Every entity of the app; the DataSource, the migration generator and the drift test share this list. */
export const ENTITIES = [
  IdentityServerEntity,
  CredentialEntity,
  SystemSecretEntity,
  UserEntity,
  GroupEntity,
  GroupMemberEntity,
  DigestNonceEntity,
  RequestLogEntity,
  AdminAuditEntity,
  OAuthTokenEntity,
  OAuthCodeEntity,
  ServerCounterEntity,
];
