import { MigrationInterface, QueryRunner } from 'typeorm';

export class DigestAndBasicCredentials1795510863054 implements MigrationInterface {
  name = 'DigestAndBasicCredentials1795510863054';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "digest_nonces" ("nonce" character varying(128) NOT NULL, "server_id" uuid NOT NULL, "last_nc" bigint NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d8db2567d2e9c9b469758fdf811" PRIMARY KEY ("nonce"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_digest_nonces_expires" ON "digest_nonces"  ("expires_at") ');
    await queryRunner.query('ALTER TABLE "credentials" ADD "username" character varying(200)');
    await queryRunner.query('ALTER TABLE "credentials" ADD "sealed_secret" text');
    await queryRunner.query(
      'CREATE INDEX "IDX_credentials_server_username" ON "credentials"  ("server_id", "username") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_credentials_server_username"');
    await queryRunner.query('ALTER TABLE "credentials" DROP COLUMN "sealed_secret"');
    await queryRunner.query('ALTER TABLE "credentials" DROP COLUMN "username"');
    await queryRunner.query('DROP INDEX "IDX_digest_nonces_expires"');
    await queryRunner.query('DROP TABLE "digest_nonces"');
  }
}
