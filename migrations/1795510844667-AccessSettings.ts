import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessSettings1795510844667 implements MigrationInterface {
  name = 'AccessSettings1795510844667';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "identity_servers" ADD "access_settings" jsonb NOT NULL DEFAULT \'{}\'');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "identity_servers" DROP COLUMN "access_settings"');
  }
}
