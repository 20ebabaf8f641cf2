import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's `display` as the client sent it, kept only for servers whose `scim.memberDisplay` is
 * "as-sent" (Microsoft's reference suite reads back the name it gave a member); null otherwise, and
 * the member's own name is answered. Nullable without a default: adding it rewrites no row.
 */
export class GroupMemberDisplay1795600500000 implements MigrationInterface {
  name = 'GroupMemberDisplay1795600500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "scim_group_members" ADD "display" text');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "scim_group_members" DROP COLUMN "display"');
  }
}
