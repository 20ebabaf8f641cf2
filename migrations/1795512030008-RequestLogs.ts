import { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestLogs1795512030008 implements MigrationInterface {
  name = 'RequestLogs1795512030008';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "request_logs" ("id" uuid NOT NULL, "server_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "request_id" character varying(128), "method" character varying(16), "path" text, "status" smallint, "duration_ms" integer, "client_address" character varying(64), "user_agent" text, "credential_id" uuid, "resource_type" character varying(32), "resource_id" character varying(128), "action" text NOT NULL, "request_body" text, "response_body" text, CONSTRAINT "PK_1edd3815ae37a9b9511f5a26dca" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_request_logs_server_created" ON "request_logs"  ("server_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "request_logs" ADD CONSTRAINT "FK_request_logs_server" FOREIGN KEY ("server_id") REFERENCES "identity_servers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "request_logs" DROP CONSTRAINT "FK_request_logs_server"');
    await queryRunner.query('DROP INDEX "IDX_request_logs_server_created"');
    await queryRunner.query('DROP TABLE "request_logs"');
  }
}
