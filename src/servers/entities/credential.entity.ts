import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryColumn } from 'typeorm';
import { CredentialMethod } from '../security-method';
import { IdentityServerEntity } from './identity-server.entity';

/**
 * A credential an IdP presents at a server's SCIM URL. Only a hash of the secret is kept; several
 * may be active at once (rotation); a revoked one stays for the record and never authenticates again.
 */
@Entity('credentials')
@Index('IDX_credentials_server', ['serverId'])
@Index('IDX_credentials_server_username', ['serverId', 'username'])
export class CredentialEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'server_id' })
  serverId: string;

  @ManyToOne(() => IdentityServerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'server_id', foreignKeyConstraintName: 'FK_credentials_server' })
  server?: IdentityServerEntity;

  /** The security method it serves, or `self-test`: a credential minted for one self-test run (see src/self-test). */
  @Column('varchar', { length: 16 })
  method: CredentialMethod;

  /**
   * bearer: SHA-256 (hex) of the high-entropy token; basic and digest: scrypt hash of the password
   * (`scrypt$N$r$p$salt$hash`).
   */
  @Column('varchar', { name: 'secret_hash', length: 128 })
  secretHash: string;

  /** basic, digest: the username the IdP sends. */
  @Column('varchar', { length: 200, nullable: true })
  username: string | null;

  /**
   * digest: the HA1 values (RFC 7616 §3.4.2: a hash of username, realm and password, for MD5 and
   * SHA-256), which the check must recover, sealed with AES-256-GCM (see SecretBox).
   */
  @Column('text', { name: 'sealed_secret', nullable: true })
  sealedSecret: string | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
