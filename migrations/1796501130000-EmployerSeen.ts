import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the employer first opened a candidate (issue 12): until then the candidate counts as new on
 * the employer's orders and home. One timestamp per placement (the employer is the organisation, not
 * one of its accounts). Candidates the employer has already acted on were seen.
 */
export class EmployerSeen1796501130000 implements MigrationInterface {
  name = 'EmployerSeen1796501130000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "placement" ADD "employer_seen_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "placement" SET "employer_seen_at" = "updated_at" WHERE "state" IN ('interview', 'offer', 'hired', 'rejected')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "placement" DROP COLUMN "employer_seen_at"`);
  }
}
