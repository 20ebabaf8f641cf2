import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795498150038 implements MigrationInterface {
  name = 'Initial1795498150038';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "identity_servers" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "active" boolean NOT NULL DEFAULT true, "is_default" boolean NOT NULL DEFAULT false, "log_requests" boolean NOT NULL DEFAULT false, "security_method" character varying(16) NOT NULL, "security_settings" jsonb NOT NULL DEFAULT \'{}\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ed6bf7f275aae23515066737541" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_identity_servers_default" ON "identity_servers"  ("is_default") WHERE "is_default"',
    );
    await queryRunner.query(
      'CREATE TABLE "scim_groups" ("id" uuid NOT NULL, "server_id" uuid NOT NULL, "display_name" text NOT NULL, "external_id" text, "version" integer NOT NULL DEFAULT \'1\', "data" jsonb NOT NULL DEFAULT \'{}\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8bacda70f9d3c4028b3abe53874" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_scim_groups_created" ON "scim_groups"  ("server_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_scim_groups_external_id" ON "scim_groups"  ("server_id", "external_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "scim_group_members" ("group_id" uuid NOT NULL, "member_id" uuid NOT NULL, "server_id" uuid NOT NULL, "member_type" character varying(5) NOT NULL, CONSTRAINT "PK_43bbbab102dfb4accfd8c940418" PRIMARY KEY ("group_id", "member_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_scim_group_members_member" ON "scim_group_members"  ("server_id", "member_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "credentials" ("id" uuid NOT NULL, "server_id" uuid NOT NULL, "method" character varying(16) NOT NULL, "secret_hash" character varying(128) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1e38bc43be6697cdda548ad27a6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_credentials_server" ON "credentials"  ("server_id") ');
    await queryRunner.query(
      'CREATE TABLE "system_secrets" ("name" character varying(64) NOT NULL, "value" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8313cb2fec1c668060c62ca7ac6" PRIMARY KEY ("name"))',
    );
    await queryRunner.query(
      'CREATE TABLE "scim_users" ("id" uuid NOT NULL, "server_id" uuid NOT NULL, "user_name" text NOT NULL, "external_id" text, "display_name" text, "active" boolean NOT NULL DEFAULT true, "password_hash" text, "version" integer NOT NULL DEFAULT \'1\', "data" jsonb NOT NULL DEFAULT \'{}\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_341175fd19feb0f3ea0d50097e3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_scim_users_created" ON "scim_users"  ("server_id", "created_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_scim_users_external_id" ON "scim_users"  ("server_id", "external_id") ');
    await queryRunner.query(
      'ALTER TABLE "scim_groups" ADD CONSTRAINT "FK_scim_groups_server" FOREIGN KEY ("server_id") REFERENCES "identity_servers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "scim_group_members" ADD CONSTRAINT "FK_scim_group_members_group" FOREIGN KEY ("group_id") REFERENCES "scim_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "credentials" ADD CONSTRAINT "FK_credentials_server" FOREIGN KEY ("server_id") REFERENCES "identity_servers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "scim_users" ADD CONSTRAINT "FK_scim_users_server" FOREIGN KEY ("server_id") REFERENCES "identity_servers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // Case-insensitive uniqueness: expression indexes, declared with synchronize: false on the entities.
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_identity_servers_name" ON "identity_servers" (lower("name"))');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_scim_users_user_name" ON "scim_users" ("server_id", lower("user_name"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_scim_groups_display_name" ON "scim_groups" ("server_id", lower("display_name"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "scim_users" DROP CONSTRAINT "FK_scim_users_server"');
    await queryRunner.query('ALTER TABLE "credentials" DROP CONSTRAINT "FK_credentials_server"');
    await queryRunner.query('ALTER TABLE "scim_group_members" DROP CONSTRAINT "FK_scim_group_members_group"');
    await queryRunner.query('ALTER TABLE "scim_groups" DROP CONSTRAINT "FK_scim_groups_server"');
    await queryRunner.query('DROP INDEX "IDX_scim_users_external_id"');
    await queryRunner.query('DROP INDEX "IDX_scim_users_created"');
    await queryRunner.query('DROP TABLE "scim_users"');
    await queryRunner.query('DROP TABLE "system_secrets"');
    await queryRunner.query('DROP INDEX "IDX_credentials_server"');
    await queryRunner.query('DROP TABLE "credentials"');
    await queryRunner.query('DROP INDEX "IDX_scim_group_members_member"');
    await queryRunner.query('DROP TABLE "scim_group_members"');
    await queryRunner.query('DROP INDEX "IDX_scim_groups_external_id"');
    await queryRunner.query('DROP INDEX "IDX_scim_groups_created"');
    await queryRunner.query('DROP TABLE "scim_groups"');
    await queryRunner.query('DROP INDEX "UQ_identity_servers_default"');
    await queryRunner.query('DROP TABLE "identity_servers"');
  }
}
