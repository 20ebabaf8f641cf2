import { MigrationInterface, QueryRunner } from 'typeorm';

export class EffectiveRole1795600200000 implements MigrationInterface {
  name = 'EffectiveRole1795600200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "scim_users" ADD "effective_role" text');
    await queryRunner.query(
      'CREATE INDEX "IDX_scim_users_effective_role" ON "scim_users"  ("server_id", "effective_role") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_scim_users_effective_role"');
    await queryRunner.query('ALTER TABLE "scim_users" DROP COLUMN "effective_role"');
  }
}
