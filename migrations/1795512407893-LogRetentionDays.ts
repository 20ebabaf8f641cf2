import { MigrationInterface, QueryRunner } from 'typeorm';

export class LogRetentionDays1795512407893 implements MigrationInterface {
  name = 'LogRetentionDays1795512407893';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "identity_servers" ADD "log_retention_days" integer NOT NULL DEFAULT \'30\'');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "identity_servers" DROP COLUMN "log_retention_days"');
  }
}
