import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IdentityServerEntity } from './identity-server.entity';

/**
 * What a counter counts: attributes dropped as unknown, role source values that matched no rule,
 * dialect departures normalised (lenient servers) or refused (strict servers), by normalisation kind.
 */
export type CounterKind = 'ignored-attribute' | 'unmatched-role-value' | 'normalised' | 'refused';

/**
 * How often something was noticed for a server, by name (e.g. the ignored attribute `nickname`), and
 * when it was last seen. Names are capped per server and kind; past the cap they count as `(other)`.
 */
@Entity('scim_server_counters')
export class ServerCounterEntity {
  @PrimaryColumn('uuid', { name: 'server_id' })
  serverId: string;

  @ManyToOne(() => IdentityServerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'server_id', foreignKeyConstraintName: 'FK_scim_server_counters_server' })
  server?: IdentityServerEntity;

  @PrimaryColumn('varchar', { length: 32 })
  kind: CounterKind;

  @PrimaryColumn('varchar', { length: 200 })
  name: string;

  @Column('bigint', { default: 0 })
  count: string;

  @Column('timestamptz', { name: 'last_seen' })
  lastSeen: Date;
}
