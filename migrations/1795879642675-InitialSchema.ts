import type { MigrationInterface, QueryRunner } from "typeorm";

/** Reference tables, organisations, accounts, refresh sessions, trainees and the append-only audit log. */

export class InitialSchema1795879642675 implements MigrationInterface {
    name = 'InitialSchema1795879642675'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" BIGSERIAL NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_id" uuid,
                "actor_username" character varying(40),
                "actor_role" character varying(12),
                "actor_organisation_id" uuid,
                "action" character varying(60) NOT NULL,
                "subject_type" character varying(40),
                "subject_id" character varying(64),
                "result" character varying(10) NOT NULL,
                "request_id" character varying(64),
                "ip" character varying(64),
                "detail" jsonb,
                CONSTRAINT "chk_audit_log_result" CHECK ("result" IN ('success', 'denied', 'failure')),
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_audit_log_action" ON "audit_log" ("action")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_audit_log_subject" ON "audit_log" ("subject_type", "subject_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_audit_log_actor" ON "audit_log" ("actor_id", "occurred_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_audit_log_occurred_at" ON "audit_log" ("occurred_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "division" (
                "code" character(6) NOT NULL,
                "name" character varying(40) NOT NULL,
                "name_en" character varying(60) NOT NULL,
                "sort_order" smallint NOT NULL,
                CONSTRAINT "PK_1870649c4e2c6970186e055f3d2" PRIMARY KEY ("code")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "organisation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(120) NOT NULL,
                "type" character varying(20) NOT NULL,
                "division_code" character(6) NOT NULL,
                "credit_code" character varying(18),
                "credit_code_override" boolean NOT NULL DEFAULT false,
                "status" character varying(10) NOT NULL DEFAULT 'active',
                "status_reason" character varying(500),
                "contact_name" character varying(60),
                "contact_phone" character varying(20),
                "verified_at" TIMESTAMP WITH TIME ZONE,
                "verified_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_organisation_status" CHECK (
                    "status" IN (
                        'active',
                        'inactive',
                        'pending',
                        'verified',
                        'rejected'
                    )
                ),
                CONSTRAINT "chk_organisation_type" CHECK (
                    "type" IN (
                        'bureau',
                        'facility',
                        'community_station',
                        'school',
                        'training_provider',
                        'employer'
                    )
                ),
                CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organisation_credit_code" ON "organisation" ("credit_code")
            WHERE credit_code IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_organisation_type_status" ON "organisation" ("type", "status")
        `);
        await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "username" character varying(40) NOT NULL,
                "display_name" character varying(60) NOT NULL,
                "role" character varying(12) NOT NULL,
                "organisation_id" uuid NOT NULL,
                "phone" character varying(20),
                "password_hash" character varying(200) NOT NULL,
                "failed_login_count" integer NOT NULL DEFAULT '0',
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "last_login_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_app_user_role" CHECK (
                    "role" IN (
                        'admin',
                        'counsellor',
                        'instructor',
                        'employer',
                        'trainee'
                    )
                ),
                CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_app_user_username" ON "app_user" ("username")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_app_user_organisation" ON "app_user" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "refresh_session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "rotated_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoke_reason" character varying(40),
                "user_agent" character varying(300),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5d0d8c21064803b5b2baaa50cbb" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_refresh_session_family" ON "refresh_session" ("family_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_refresh_session_user" ON "refresh_session" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "occupation" (
                "code" character varying(12) NOT NULL,
                "name" character varying(120) NOT NULL,
                "major_code" character varying(2) NOT NULL,
                "middle_code" character varying(5) NOT NULL,
                "middle_name" character varying(120) NOT NULL,
                "minor_code" character varying(8) NOT NULL,
                "minor_name" character varying(120) NOT NULL,
                CONSTRAINT "PK_d3dcd8193f562dc092ef325ea14" PRIMARY KEY ("code")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_occupation_middle" ON "occupation" ("middle_code")
        `);
        await queryRunner.query(`
            CREATE TABLE "skill_level" (
                "level" smallint NOT NULL,
                "name" character varying(10) NOT NULL,
                "title" character varying(10) NOT NULL,
                "name_en" character varying(40) NOT NULL,
                CONSTRAINT "PK_cd8a2e126bcff13cc43a1b5f071" PRIMARY KEY ("level")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "trainee" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "full_name" character varying(40) NOT NULL,
                "sex" character(1) NOT NULL,
                "birth_date" date NOT NULL,
                "identity_number_cipher" bytea NOT NULL,
                "identity_number_hash" character(64) NOT NULL,
                "identity_number_tail" character(4) NOT NULL,
                "home_division_code" character(6) NOT NULL,
                "organisation_id" uuid NOT NULL,
                "user_id" uuid,
                "state" character varying(12) NOT NULL DEFAULT 'admitted',
                "admitted_on" date NOT NULL,
                "expected_release_on" date NOT NULL,
                "released_on" date,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_6b2b041ed3c1b14e9e1f3fc7603" UNIQUE ("user_id"),
                CONSTRAINT "REL_6b2b041ed3c1b14e9e1f3fc760" UNIQUE ("user_id"),
                CONSTRAINT "chk_trainee_sex" CHECK ("sex" IN ('M', 'F')),
                CONSTRAINT "chk_trainee_state" CHECK (
                    "state" IN (
                        'admitted',
                        'pre_release',
                        'released',
                        'community',
                        'closed'
                    )
                ),
                CONSTRAINT "PK_7bb8bcb39effdfc30d4f67e9eb8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_trainee_identity_number_hash" ON "trainee" ("identity_number_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_expected_release" ON "trainee" ("expected_release_on")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_organisation_state" ON "trainee" ("organisation_id", "state")
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD CONSTRAINT "fk_organisation_division" FOREIGN KEY ("division_code") REFERENCES "division"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "fk_app_user_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_session"
            ADD CONSTRAINT "fk_refresh_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD CONSTRAINT "fk_trainee_home_division" FOREIGN KEY ("home_division_code") REFERENCES "division"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD CONSTRAINT "fk_trainee_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD CONSTRAINT "fk_trainee_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        // The audit log is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
        await queryRunner.query(
            `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
        );
        await queryRunner.query(
            `CREATE TRIGGER trg_audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
        );
        await queryRunner.query(
            `CREATE TRIGGER trg_audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP CONSTRAINT "fk_trainee_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP CONSTRAINT "fk_trainee_organisation"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP CONSTRAINT "fk_trainee_home_division"
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_session" DROP CONSTRAINT "fk_refresh_session_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_organisation"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation" DROP CONSTRAINT "fk_organisation_division"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_trainee_organisation_state"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_trainee_expected_release"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_trainee_identity_number_hash"
        `);
        await queryRunner.query(`
            DROP TABLE "trainee"
        `);
        await queryRunner.query(`
            DROP TABLE "skill_level"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_occupation_middle"
        `);
        await queryRunner.query(`
            DROP TABLE "occupation"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_refresh_session_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_refresh_session_family"
        `);
        await queryRunner.query(`
            DROP TABLE "refresh_session"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_app_user_organisation"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_app_user_username"
        `);
        await queryRunner.query(`
            DROP TABLE "app_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_organisation_type_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_organisation_credit_code"
        `);
        await queryRunner.query(`
            DROP TABLE "organisation"
        `);
        await queryRunner.query(`
            DROP TABLE "division"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_audit_log_occurred_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_audit_log_actor"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_audit_log_subject"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_audit_log_action"
        `);
        await queryRunner.query(`DROP TRIGGER trg_audit_log_no_truncate ON "audit_log"`);
        await queryRunner.query(`DROP TRIGGER trg_audit_log_append_only ON "audit_log"`);
        await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
        await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
    }

}
