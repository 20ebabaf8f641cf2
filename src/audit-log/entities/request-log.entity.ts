import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `request`: a SCIM or token request to a server that logs; `auth`: a refused authentication or token request (always kept); `dropped`: entries lost. */
export type RequestLogKind = 'request' | 'auth' | 'dropped';

/**
 * One entry of an identity server's request log. Bodies are stored redacted (no password, token or
 * secret) and cut at 64 KiB; headers are not stored at all. Read newest first through the index on
 * (server_id, created_at, id), scanned backwards; the same index serves the retention purge.
 */
@Entity('request_logs')
@Index('IDX_request_logs_server_created', ['serverId', 'createdAt', 'id'])
export class RequestLogEntity {
  @PrimaryColumn('uuid')
  id: string;

  /**
   * The identity server. Not a foreign key (its check cost a third of a logged request's database
   * time): the batch INSERT locks the batch's servers once and skips rows of deleted ones, and a
   * trigger deletes a server's entries with it (migration RequestLogWithoutForeignKey).
   */
  @Column('uuid', { name: 'server_id' })
  serverId: string;

  @Column('varchar', { length: 16 })
  kind: RequestLogKind;

  /** When the request arrived. */
  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('varchar', { name: 'request_id', length: 128, nullable: true })
  requestId: string | null;

  @Column('varchar', { length: 16, nullable: true })
  method: string | null;

  /** Path and query as the client sent them (secret-named query parameters redacted). */
  @Column('text', { nullable: true })
  path: string | null;

  @Column('smallint', { nullable: true })
  status: number | null;

  @Column('integer', { name: 'duration_ms', nullable: true })
  durationMs: number | null;

  @Column('varchar', { name: 'client_address', length: 64, nullable: true })
  clientAddress: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent: string | null;

  @Column('uuid', { name: 'credential_id', nullable: true })
  credentialId: string | null;

  @Column('varchar', { name: 'resource_type', length: 32, nullable: true })
  resourceType: string | null;

  @Column('varchar', { name: 'resource_id', length: 128, nullable: true })
  resourceId: string | null;

  @Column('text')
  action: string;

  @Column('text', { name: 'request_body', nullable: true })
  requestBody: string | null;

  @Column('text', { name: 'response_body', nullable: true })
  responseBody: string | null;
}
