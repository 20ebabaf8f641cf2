import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IdentityServerEntity } from '../../servers/entities/identity-server.entity';

/** An authorization code (RFC 6749 §4.1), hashed, usable once within minutes, with its PKCE challenge. */
@Entity('oauth_codes')
export class OAuthCodeEntity {
  @PrimaryColumn('varchar', { name: 'code_hash', length: 64 })
  codeHash: string;

  @Column('uuid', { name: 'server_id' })
  serverId: string;

  @ManyToOne(() => IdentityServerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'server_id', foreignKeyConstraintName: 'FK_oauth_codes_server' })
  server?: IdentityServerEntity;

  @Column('text', { name: 'redirect_uri' })
  redirectUri: string;

  @Column('varchar', { name: 'code_challenge', length: 128, nullable: true })
  codeChallenge: string | null;

  @Column('varchar', { name: 'code_challenge_method', length: 16, nullable: true })
  codeChallengeMethod: string | null;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
