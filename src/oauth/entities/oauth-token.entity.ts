import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IdentityServerEntity } from '../../servers/entities/identity-server.entity';

/**
 * An OAuth 2.0 access token and, for the authorization-code flow, its refresh token, both kept as
 * SHA-256 hashes. A token belongs to the client secret (credential) that obtained it: revoking the
 * secret ends its tokens at once. A refresh token is used once (rotation).
 */
@Entity('oauth_tokens')
@Index('UQ_oauth_tokens_access', ['accessTokenHash'], { unique: true })
@Index('UQ_oauth_tokens_refresh', ['refreshTokenHash'], { unique: true })
@Index('IDX_oauth_tokens_server', ['serverId', 'accessExpiresAt'])
export class OAuthTokenEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'server_id' })
  serverId: string;

  @ManyToOne(() => IdentityServerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'server_id', foreignKeyConstraintName: 'FK_oauth_tokens_server' })
  server?: IdentityServerEntity;

  @Column('uuid', { name: 'credential_id' })
  credentialId: string;

  @Column('varchar', { name: 'access_token_hash', length: 64 })
  accessTokenHash: string;

  @Column('timestamptz', { name: 'access_expires_at' })
  accessExpiresAt: Date;

  @Column('varchar', { name: 'refresh_token_hash', length: 64, nullable: true })
  refreshTokenHash: string | null;

  @Column('timestamptz', { name: 'refresh_expires_at', nullable: true })
  refreshExpiresAt: Date | null;

  /** Set when the refresh token was used (rotated) or revoked. */
  @Column('timestamptz', { name: 'refresh_revoked_at', nullable: true })
  refreshRevokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
