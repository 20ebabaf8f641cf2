import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Process-wide values generated at first start: the admin token's hash and the signing key's fingerprint (never the key). */
@Entity('system_secrets')
export class SystemSecretEntity {
  @PrimaryColumn('varchar', { length: 64 })
  name: string;

  @Column('text')
  value: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
