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

/** A SCIM Group; `displayName` is unique per identity server, case-insensitively (Entra matches on it). */
@Entity('scim_groups')
@Index('UQ_scim_groups_display_name', { synchronize: false })
@Index('IDX_scim_groups_external_id', ['serverId', 'externalId'])
@Index('IDX_scim_groups_created', ['serverId', 'createdAt', 'id'])
@Index('IDX_scim_groups_lookup', { synchronize: false })
export class GroupEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'server_id' })
  serverId: string;

  @ManyToOne(() => IdentityServerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'server_id', foreignKeyConstraintName: 'FK_scim_groups_server' })
  server?: IdentityServerEntity;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { name: 'external_id', nullable: true })
  externalId: string | null;

  @Column('integer', { default: 1 })
  version: number;

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
