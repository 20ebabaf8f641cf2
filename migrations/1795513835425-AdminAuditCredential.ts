import { MigrationInterface, QueryRunner } from 'typeorm';

export class AdminAuditCredential1795513835425 implements MigrationInterface {
  name = 'AdminAuditCredential1795513835425';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "admin_audit" ADD "actor_credential" character varying(64)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "admin_audit" DROP COLUMN "actor_credential"');
  }
}
