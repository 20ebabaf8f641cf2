import { MigrationInterface, QueryRunner } from 'typeorm';

export class AdminAudit1795512898831 implements MigrationInterface {
  name = 'AdminAudit1795512898831';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "admin_audit" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" character varying(32) NOT NULL, "actor_address" character varying(64), "action" character varying(64) NOT NULL, "server_id" uuid, "target_id" character varying(128), "before" jsonb, "after" jsonb, CONSTRAINT "PK_5ad48a4d9d16397ef37e28bb0be" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_admin_audit_server_created" ON "admin_audit"  ("server_id", "created_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_admin_audit_created" ON "admin_audit"  ("created_at", "id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_admin_audit_created"');
    await queryRunner.query('DROP INDEX "IDX_admin_audit_server_created"');
    await queryRunner.query('DROP TABLE "admin_audit"');
  }
}
