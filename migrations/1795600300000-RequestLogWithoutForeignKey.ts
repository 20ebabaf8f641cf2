import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request log without a foreign key to its identity server. The key's check ran once per
 * inserted row (a trigger and a locking lookup each), about a third of the database's cost of a
 * logged request. Instead the batch INSERT locks each server of the batch once (FOR KEY SHARE, as
 * the key's check did per row) and skips rows of servers that are gone, and deleting a server
 * deletes its entries from a trigger: a server delete waits for a batch that locked it, and its
 * trigger sees the rows that batch wrote.
 */
export class RequestLogWithoutForeignKey1795600300000 implements MigrationInterface {
  name = 'RequestLogWithoutForeignKey1795600300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "request_logs" DROP CONSTRAINT "FK_request_logs_server"');
    await queryRunner.query(`CREATE FUNCTION "request_logs_of_deleted_server"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "request_logs" WHERE "server_id" = OLD."id";
  RETURN OLD;
END $$`);
    await queryRunner.query(
      'CREATE TRIGGER "TRG_identity_servers_delete_request_logs" AFTER DELETE ON "identity_servers" FOR EACH ROW EXECUTE FUNCTION "request_logs_of_deleted_server"()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "TRG_identity_servers_delete_request_logs" ON "identity_servers"');
    await queryRunner.query('DROP FUNCTION "request_logs_of_deleted_server"()');
    await queryRunner.query(
      'DELETE FROM "request_logs" l WHERE NOT EXISTS (SELECT 1 FROM "identity_servers" s WHERE s."id" = l."server_id")',
    );
    await queryRunner.query(
      'ALTER TABLE "request_logs" ADD CONSTRAINT "FK_request_logs_server" FOREIGN KEY ("server_id") REFERENCES "identity_servers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }
}
