import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Release-day activation codes. Many trainees leave the facility without an account; their
 * counsellor prints a one-time code on the handover sheet with which the person activates the
 * trainee portal on their own phone. Only a keyed hash of the code is stored (`code_hash`, HMAC with
 * the field key): a copy of the database does not hand out accounts. At most one live code per
 * trainee: issuing again revokes the previous one in the same transaction, and the partial unique
 * index makes two simultaneous issues fail rather than leave two live codes. `failed_attempts`
 * counts wrong birth years given with this code; enough of them revoke it.
 */
export class ActivationCode1796500300000 implements MigrationInterface {
  name = 'ActivationCode1796500300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "activation_code" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "trainee_id" uuid NOT NULL,
        "code_hash" character(64) NOT NULL,
        "issued_by" uuid NOT NULL,
        "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "failed_attempts" integer NOT NULL DEFAULT 0,
        CONSTRAINT "PK_activation_code" PRIMARY KEY ("id"),
        CONSTRAINT "chk_activation_code_expiry" CHECK ("expires_at" > "issued_at"),
        CONSTRAINT "fk_activation_code_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_activation_code_issued_by" FOREIGN KEY ("issued_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_activation_code_hash" ON "activation_code" ("code_hash")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_activation_code_live" ON "activation_code" ("trainee_id") WHERE used_at IS NULL AND revoked_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "idx_activation_code_trainee" ON "activation_code" ("trainee_id", "issued_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "activation_code"`);
  }
}
