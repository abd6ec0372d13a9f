import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 三权分立 (等保 2.0 level 3): the system administrator (`admin`), the security administrator
 * (`security_admin`) and the audit administrator (`audit_admin`) are different accounts. A role is
 * one column, so an account holds exactly one; the CHECKs below keep it that way in the database:
 * - the role list gains the two new roles (and the column room for `security_admin`);
 * - the permission column holds only the two known permissions, and only on an account whose role
 *   reads trainees' files (admin, counsellor): no value in it can hand anyone the security or audit
 *   administrator's powers, which come from the role alone.
 * The audit log's actor role widens with it: every sign-in of a security administrator is audited.
 */
export class SeparatedAdminRoles1796423657863 implements MigrationInterface {
  name = 'SeparatedAdminRoles1796423657863';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ALTER COLUMN "role" TYPE character varying(20)`);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "actor_role" TYPE character varying(20)`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "chk_app_user_role"`);
    await queryRunner.query(`
      ALTER TABLE "app_user" ADD CONSTRAINT "chk_app_user_role" CHECK (
        "role" IN ('admin','counsellor','instructor','employer','trainee','security_admin','audit_admin')
      )
    `);
    await queryRunner.query(`
      ALTER TABLE "app_user" ADD CONSTRAINT "chk_app_user_permissions" CHECK (
        "permissions" <@ ARRAY['identity.unmask','station.head']::varchar[]
        AND ("role" IN ('admin','counsellor') OR cardinality("permissions") = 0)
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Down refuses (by the CHECK) while a security or audit administrator exists: remove them first.
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "chk_app_user_permissions"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "chk_app_user_role"`);
    await queryRunner.query(`
      ALTER TABLE "app_user" ADD CONSTRAINT "chk_app_user_role" CHECK (
        "role" IN ('admin','counsellor','instructor','employer','trainee')
      )
    `);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "actor_role" TYPE character varying(12)`);
    await queryRunner.query(`ALTER TABLE "app_user" ALTER COLUMN "role" TYPE character varying(12)`);
  }
}
