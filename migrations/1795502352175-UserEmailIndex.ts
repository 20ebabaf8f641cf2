import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GIN index over the lower-cased email values of each user, so that `emails.value eq "…"` and
 * `emails[type eq "work" and value eq "…"]` are index lookups. The expression must stay identical to
 * USER_EMAILS_INDEX_EXPR in src/users/user-storage.ts (the planner matches it textually).
 */
export class UserEmailIndex1795502352175 implements MigrationInterface {
  name = 'UserEmailIndex1795502352175';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "IDX_scim_users_emails" ON "scim_users" USING gin ((lower(jsonb_path_query_array("data", \'$.emails[*].value\')::text)::jsonb) jsonb_path_ops)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_scim_users_emails"');
  }
}
