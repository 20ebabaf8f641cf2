import { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomAttributes1795600100000 implements MigrationInterface {
  name = 'CustomAttributes1795600100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "scim_server_counters" ("server_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "count" bigint NOT NULL DEFAULT \'0\', "last_seen" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_49412000c077027eb486601b588" PRIMARY KEY ("server_id", "kind", "name"))',
    );
    await queryRunner.query('ALTER TABLE "identity_servers" ADD "schema_settings" jsonb NOT NULL DEFAULT \'{}\'');
    await queryRunner.query('ALTER TABLE "identity_servers" ADD "role_mapping" jsonb NOT NULL DEFAULT \'{}\'');
    await queryRunner.query(
      'ALTER TABLE "scim_server_counters" ADD CONSTRAINT "FK_scim_server_counters_server" FOREIGN KEY ("server_id") REFERENCES "identity_servers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "scim_server_counters" DROP CONSTRAINT "FK_scim_server_counters_server"');
    await queryRunner.query('ALTER TABLE "identity_servers" DROP COLUMN "role_mapping"');
    await queryRunner.query('ALTER TABLE "identity_servers" DROP COLUMN "schema_settings"');
    await queryRunner.query('DROP TABLE "scim_server_counters"');
  }
}
