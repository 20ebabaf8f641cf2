import { MigrationInterface, QueryRunner } from 'typeorm';

export class ServerScimSettings1795502620310 implements MigrationInterface {
  name = 'ServerScimSettings1795502620310';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "identity_servers" ADD "scim_settings" jsonb NOT NULL DEFAULT \'{}\'');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "identity_servers" DROP COLUMN "scim_settings"');
  }
}
