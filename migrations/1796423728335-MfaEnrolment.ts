import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * TOTP second factor for staff (issue 16). `mfa_enrolment`: one row per account, the secret
 * encrypted with FieldCipher, the last accepted time step (a code is good once) and the argon2id
 * hashes of the unused recovery codes. `mfa_challenge`: the second step of one sign-in (5 minutes,
 * at most 5 wrong codes, used once). Both are read and written with SQL by MfaRepository.
 */
export class MfaEnrolment1796423728335 implements MigrationInterface {
    name = 'MfaEnrolment1796423728335'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "mfa_enrolment" (
                "user_id" uuid NOT NULL,
                "secret_encrypted" bytea NOT NULL,
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                "last_used_step" integer,
                "recovery_code_hashes" character varying array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_mfa_enrolment" PRIMARY KEY ("user_id"),
                CONSTRAINT "fk_mfa_enrolment_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "mfa_challenge" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "attempts" smallint NOT NULL DEFAULT 0,
                "consumed_at" TIMESTAMP WITH TIME ZONE,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_mfa_challenge" PRIMARY KEY ("id"),
                CONSTRAINT "fk_mfa_challenge_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE
            )
        `);
        await queryRunner.query(`CREATE INDEX "idx_mfa_challenge_user" ON "mfa_challenge" ("user_id")`);
        await queryRunner.query(`CREATE INDEX "idx_mfa_challenge_expires" ON "mfa_challenge" ("expires_at")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "mfa_challenge"`);
        await queryRunner.query(`DROP TABLE "mfa_enrolment"`);
    }

}
