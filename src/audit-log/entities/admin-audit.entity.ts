import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { JsonDocument } from '../../common/json';

/**
 * One administrative change: who made it, what it was (before and after, never a secret) and when.
 * Written in the transaction of the change itself. Not tied to the server by a foreign key: the
 * record of a deleted server stays.
 */
@Entity('admin_audit')
@Index('IDX_admin_audit_created', ['createdAt', 'id'])
@Index('IDX_admin_audit_server_created', ['serverId', 'createdAt', 'id'])
export class AdminAuditEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  /** `admin-api` (the admin token), `cli`, or `system`. */
  @Column('varchar', { length: 32 })
  actor: string;

  @Column('varchar', { name: 'actor_address', length: 64, nullable: true })
  actorAddress: string | null;

  /** Which admin credential: `sha256:` and the first 12 hex digits of the admin token's hash (never the token). */
  @Column('varchar', { name: 'actor_credential', length: 64, nullable: true })
  actorCredential: string | null;

  /** `server.created`, `server.updated`, `server.deleted`, `credential.issued`, `credential.revoked`… */
  @Column('varchar', { length: 64 })
  action: string;

  @Column('uuid', { name: 'server_id', nullable: true })
  serverId: string | null;

  @Column('varchar', { name: 'target_id', length: 128, nullable: true })
  targetId: string | null;

  @Column('jsonb', { nullable: true })
  before: JsonDocument | null;

  @Column('jsonb', { nullable: true })
  after: JsonDocument | null;
}
