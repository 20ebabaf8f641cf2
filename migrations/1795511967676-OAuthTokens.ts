import { MigrationInterface, QueryRunner } from 'typeorm';

export class OAuthTokens1795511967676 implements MigrationInterface {
  name = 'OAuthTokens1795511967676';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "oauth_codes" ("code_hash" character varying(64) NOT NULL, "server_id" uuid NOT NULL, "redirect_uri" text NOT NULL, "code_challenge" character varying(128), "code_challenge_method" character varying(16), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eab165c4ccc44db5a24eabbb7b5" PRIMARY KEY ("code_hash"))',
    );
    await queryRunner.query(
      'CREATE TABLE "oauth_tokens" ("id" uuid NOT NULL, "server_id" uuid NOT NULL, "credential_id" uuid NOT NULL, "access_token_hash" character varying(64) NOT NULL, "access_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "refresh_token_hash" character varying(64), "refresh_expires_at" TIMESTAMP WITH TIME ZONE, "refresh_revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_71c8b8060826696206f973554fd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_oauth_tokens_server" ON "oauth_tokens"  ("server_id", "access_expires_at") ',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_oauth_tokens_refresh" ON "oauth_tokens"  ("refresh_token_hash") ');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_oauth_tokens_access" ON "oauth_tokens"  ("access_token_hash") ');
    await queryRunner.query(
      'ALTER TABLE "oauth_codes" ADD CONSTRAINT "FK_oauth_codes_server" FOREIGN KEY ("server_id") REFERENCES "identity_servers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "oauth_tokens" ADD CONSTRAINT "FK_oauth_tokens_server" FOREIGN KEY ("server_id") REFERENCES "identity_servers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "oauth_tokens" DROP CONSTRAINT "FK_oauth_tokens_server"');
    await queryRunner.query('ALTER TABLE "oauth_codes" DROP CONSTRAINT "FK_oauth_codes_server"');
    await queryRunner.query('DROP INDEX "UQ_oauth_tokens_access"');
    await queryRunner.query('DROP INDEX "UQ_oauth_tokens_refresh"');
    await queryRunner.query('DROP INDEX "IDX_oauth_tokens_server"');
    await queryRunner.query('DROP TABLE "oauth_tokens"');
    await queryRunner.query('DROP TABLE "oauth_codes"');
  }
}
