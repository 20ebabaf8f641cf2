import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Index-backed lookup of custom attributes marked `lookup`: each user and group keeps the keys of
 * those attributes' values (`lookup_keys`, written with the resource; see src/scim/resource/lookup-keys.ts)
 * in a GIN index that holds only the rows of servers that mark some (partial: NULL elsewhere, so the
 * other servers' writes pay nothing). A server's lookup declaration has a version; the index serves its
 * filters once `lookup_ready_version` caught up — after the LookupIndexer re-keyed its resources.
 */
export class LookupIndex1795600400000 implements MigrationInterface {
  name = 'LookupIndex1795600400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "scim_users" ADD "lookup_keys" text array');
    await queryRunner.query('ALTER TABLE "scim_groups" ADD "lookup_keys" text array');
    await queryRunner.query(
      'CREATE INDEX "IDX_scim_users_lookup" ON "scim_users" USING gin ("lookup_keys") WHERE "lookup_keys" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_scim_groups_lookup" ON "scim_groups" USING gin ("lookup_keys") WHERE "lookup_keys" IS NOT NULL',
    );
    await queryRunner.query('ALTER TABLE "identity_servers" ADD "lookup_version" integer NOT NULL DEFAULT 0');
    await queryRunner.query('ALTER TABLE "identity_servers" ADD "lookup_ready_version" integer NOT NULL DEFAULT 0');
    await queryRunner.query('ALTER TABLE "identity_servers" ADD "lookup_changed_at" TIMESTAMP WITH TIME ZONE');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "identity_servers" DROP COLUMN "lookup_changed_at"');
    await queryRunner.query('ALTER TABLE "identity_servers" DROP COLUMN "lookup_ready_version"');
    await queryRunner.query('ALTER TABLE "identity_servers" DROP COLUMN "lookup_version"');
    await queryRunner.query('DROP INDEX "IDX_scim_groups_lookup"');
    await queryRunner.query('DROP INDEX "IDX_scim_users_lookup"');
    await queryRunner.query('ALTER TABLE "scim_groups" DROP COLUMN "lookup_keys"');
    await queryRunner.query('ALTER TABLE "scim_users" DROP COLUMN "lookup_keys"');
  }
}
