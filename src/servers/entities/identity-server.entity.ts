import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { JsonDocument } from '../../common/json';
import { SecurityMethod } from '../security-method';

/** An identity server: one tenant, with its own SCIM URL, users, groups and security method. */
@Entity('identity_servers')
@Index('UQ_identity_servers_name', { synchronize: false })
@Index('UQ_identity_servers_default', ['isDefault'], { unique: true, where: '"is_default"' })
export class IdentityServerEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('boolean', { default: true })
  active: boolean;

  @Column('boolean', { name: 'is_default', default: false })
  isDefault: boolean;

  @Column('boolean', { name: 'log_requests', default: false })
  logRequests: boolean;

  /** Days the request log keeps entries (a periodic purge removes older ones). */
  @Column('integer', { name: 'log_retention_days', default: 30 })
  logRetentionDays: number;

  @Column('varchar', { name: 'security_method', length: 16 })
  securityMethod: SecurityMethod;

  /** Non-secret settings of the security method (secrets live hashed in `credentials`). */
  @Column('jsonb', { name: 'security_settings', default: () => "'{}'" })
  securitySettings: JsonDocument;

  /** How this server speaks SCIM (see ScimSettings); absent keys take their defaults. */
  @Column('jsonb', { name: 'scim_settings', default: () => "'{}'" })
  scimSettings: JsonDocument;

  /** Abuse limits: IP allowlist and rate limit (see AccessSettings); absent keys take their defaults. */
  @Column('jsonb', { name: 'access_settings', default: () => "'{}'" })
  accessSettings: JsonDocument;

  /** Custom attributes and the unknown-attribute policy (see SchemaSettings); `{}` means none and 'ignore'. */
  @Column('jsonb', { name: 'schema_settings', default: () => "'{}'" })
  schemaSettings: JsonDocument;

  /** Application roles and the rules that map SCIM data to them (see RoleMappingSettings); `{}`: off. */
  @Column('jsonb', { name: 'role_mapping', default: () => "'{}'" })
  roleMapping: JsonDocument;

  /** Bumped whenever the set of lookup-marked custom attributes changes (see LookupIndexer). */
  @Column('integer', { name: 'lookup_version', default: 0 })
  lookupVersion: number;

  /** The lookup version every resource is keyed for: filters use the lookup index when it equals lookupVersion. */
  @Column('integer', { name: 'lookup_ready_version', default: 0 })
  lookupReadyVersion: number;

  /** When lookupVersion last changed (re-keying waits until every instance has seen the change). */
  @Column('timestamptz', { name: 'lookup_changed_at', nullable: true })
  lookupChangedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
