import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request log's bodies: compressed with lz4 instead of pglz where the server supports it (a row
 * of about 2 KB is compressed on insert, and pglz cost PostgreSQL more than the rest of the insert;
 * lz4 takes a fraction of that). PGlite and servers built without lz4 keep pglz. ANALYZE skips the
 * bodies: no query filters on them by value, and sampling them detoasts kilobytes per row.
 */
export class RequestLogBodyStorage1795600000000 implements MigrationInterface {
  name = 'RequestLogBodyStorage1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$
BEGIN
  ALTER TABLE "request_logs" ALTER COLUMN "request_body" SET COMPRESSION lz4, ALTER COLUMN "response_body" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available: request log bodies stay compressed with pglz';
END $$`);
    await queryRunner.query(
      'ALTER TABLE "request_logs" ALTER COLUMN "request_body" SET STATISTICS 0, ALTER COLUMN "response_body" SET STATISTICS 0',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "request_logs" ALTER COLUMN "request_body" SET STATISTICS -1, ALTER COLUMN "response_body" SET STATISTICS -1',
    );
    await queryRunner.query(
      'ALTER TABLE "request_logs" ALTER COLUMN "request_body" SET COMPRESSION DEFAULT, ALTER COLUMN "response_body" SET COMPRESSION DEFAULT',
    );
  }
}
