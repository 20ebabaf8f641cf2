import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The highest nonce count seen for a Digest nonce that authenticated a request: a request must count
 * higher (RFC 7616 §3.4: `nc`), so a replayed request fails on every instance. Rows go when the
 * nonce has expired.
 */
@Entity('digest_nonces')
@Index('IDX_digest_nonces_expires', ['expiresAt'])
export class DigestNonceEntity {
  @PrimaryColumn('varchar', { length: 128 })
  nonce: string;

  @Column('uuid', { name: 'server_id' })
  serverId: string;

  @Column('bigint', { name: 'last_nc' })
  lastNc: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}
