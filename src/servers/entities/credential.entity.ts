import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryColumn } from 'typeorm';
import { SecurityMethod } from '../security-method';
import { IdentityServerEntity } from './identity-server.entity';

/**
 * A credential an IdP presents at a server's SCIM URL. Only a hash of the secret is kept; several
 * may be active at once (rotation); a revoked one stays for the record and never authenticates again.
 */
@Entity('credentials')
@Index('IDX_credentials_server', ['serverId'])
export class CredentialEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'server_id' })
  serverId: string;

  @ManyToOne(() => IdentityServerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'server_id', foreignKeyConstraintName: 'FK_credentials_server' })
  server?: IdentityServerEntity;

  @Column('varchar', { length: 16 })
  method: SecurityMethod;

  /** SHA-256 (hex) of the high-entropy secret the IdP presents. */
  @Column('varchar', { name: 'secret_hash', length: 128 })
  secretHash: string;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
