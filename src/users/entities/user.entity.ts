import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { JsonDocument } from '../../common/json';
import { IdentityServerEntity } from '../../servers/entities/identity-server.entity';

/**
 * A SCIM User. The attributes IdPs match on are columns (indexed); the rest of the resource is the
 * `data` document. `userName` is unique per identity server, case-insensitively (expression index).
 */
@Entity('scim_users')
@Index('UQ_scim_users_user_name', { synchronize: false })
@Index('IDX_scim_users_external_id', ['serverId', 'externalId'])
@Index('IDX_scim_users_created', ['serverId', 'createdAt', 'id'])
@Index('IDX_scim_users_emails', { synchronize: false })
@Index('IDX_scim_users_effective_role', ['serverId', 'effectiveRole'])
@Index('IDX_scim_users_lookup', { synchronize: false })
export class UserEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'server_id' })
  serverId: string;

  @ManyToOne(() => IdentityServerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'server_id', foreignKeyConstraintName: 'FK_scim_users_server' })
  server?: IdentityServerEntity;

  @Column('text', { name: 'user_name' })
  userName: string;

  @Column('text', { name: 'external_id', nullable: true })
  externalId: string | null;

  @Column('text', { name: 'display_name', nullable: true })
  displayName: string | null;

  @Column('boolean', { default: true })
  active: boolean;

  /** scrypt hash of a password an IdP pushed; never returned. */
  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash: string | null;

  /** The role the server's role mapping gives the user (null without role mapping); kept current in SQL. */
  @Column('text', { name: 'effective_role', nullable: true })
  effectiveRole: string | null;

  @Column('integer', { default: 1 })
  version: number;

  /** Every other attribute of the resource, keyed by attribute name (extensions by URN). */
  @Column('jsonb', { default: () => "'{}'" })
  data: JsonDocument;

  /** Keys of the values of lookup-marked custom attributes (GIN-indexed; null when the server marks none). */
  @Column('text', { name: 'lookup_keys', array: true, nullable: true })
  lookupKeys?: string[] | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
