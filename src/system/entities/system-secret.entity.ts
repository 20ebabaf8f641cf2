import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Process-wide secrets generated at first start: the admin token's hash and the token signing key. */
@Entity('system_secrets')
export class SystemSecretEntity {
  @PrimaryColumn('varchar', { length: 64 })
  name: string;

  @Column('text')
  value: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
