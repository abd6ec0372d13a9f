import type { MigrationInterface, QueryRunner } from "typeorm";

/** Learning: diploma programmes, classes, enrolments, grades, diplomas; skills courses, sessions, certificates; notifications. */

export class Learning1795883096749 implements MigrationInterface {
    name = 'Learning1795883096749'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "course" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "title" character varying(80) NOT NULL,
                "occupation_code" character varying(12) NOT NULL,
                "level" smallint NOT NULL,
                "hours" integer NOT NULL,
                "provider_id" uuid NOT NULL,
                "syllabus" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_course_hours" CHECK ("hours" > 0),
                CONSTRAINT "chk_course_level" CHECK (
                    "level" BETWEEN 1 AND 5
                ),
                CONSTRAINT "PK_bf95180dd756fd204fb01ce4916" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_course_occupation" ON "course" ("occupation_code", "level")
        `);
        await queryRunner.query(`
            CREATE TABLE "course_session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" uuid NOT NULL,
                "starts_on" date NOT NULL,
                "ends_on" date NOT NULL,
                "venue_organisation_id" uuid,
                "capacity" integer NOT NULL,
                "seats_taken" integer NOT NULL DEFAULT '0',
                "instructor_id" uuid,
                "pass_mark" integer NOT NULL DEFAULT '60',
                CONSTRAINT "chk_course_session_pass_mark" CHECK (
                    "pass_mark" BETWEEN 0 AND 100
                ),
                CONSTRAINT "chk_course_session_seats" CHECK (
                    "seats_taken" >= 0
                    AND "seats_taken" <= "capacity"
                ),
                CONSTRAINT "PK_12288a725cc3c3fba4e600a0ef6" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_course_session_course" ON "course_session" ("course_id", "starts_on")
        `);
        await queryRunner.query(`
            CREATE TABLE "session_enrolment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "session_id" uuid NOT NULL,
                "trainee_id" uuid NOT NULL,
                "state" character varying(12) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid NOT NULL,
                "theory_score" integer,
                "practical_score" integer,
                "assessed_at" TIMESTAMP WITH TIME ZONE,
                "assessed_by" uuid,
                CONSTRAINT "chk_session_enrolment_state" CHECK (
                    "state" IN (
                        'enrolled',
                        'waitlisted',
                        'withdrawn',
                        'passed',
                        'failed'
                    )
                ),
                CONSTRAINT "PK_91a896659f53a0412b7857c6d23" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_session_enrolment_trainee" ON "session_enrolment" ("trainee_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_session_enrolment_session" ON "session_enrolment" ("session_id", "state", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_session_enrolment_live" ON "session_enrolment" ("session_id", "trainee_id")
            WHERE state IN ('enrolled', 'waitlisted')
        `);
        await queryRunner.query(`
            CREATE TABLE "session_attendance" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "enrolment_id" uuid NOT NULL,
                "meeting_on" date NOT NULL,
                "present" boolean NOT NULL,
                "recorded_by" uuid NOT NULL,
                CONSTRAINT "PK_bc946a8e6bc80fd2531356f89e6" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_session_attendance" ON "session_attendance" ("enrolment_id", "meeting_on")
        `);
        await queryRunner.query(`
            CREATE TABLE "certificate" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trainee_id" uuid NOT NULL,
                "occupation_code" character varying(12) NOT NULL,
                "level" smallint NOT NULL,
                "number" character varying(30) NOT NULL,
                "issuer" character varying(120) NOT NULL,
                "issued_on" date NOT NULL,
                "session_enrolment_id" uuid,
                CONSTRAINT "chk_certificate_level" CHECK (
                    "level" BETWEEN 1 AND 5
                ),
                CONSTRAINT "PK_8daddfc65f59e341c2bbc9c9e43" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_certificate_occupation_level" ON "certificate" ("occupation_code", "level")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_certificate_trainee" ON "certificate" ("trainee_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_certificate_number" ON "certificate" ("number")
        `);
        await queryRunner.query(`
            CREATE TABLE "programme" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(60) NOT NULL,
                "school_id" uuid NOT NULL,
                "required_credits" integer NOT NULL,
                "description" character varying(1000),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_76ff6b30b74f213944d1ac0a660" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "programme_unit" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "programme_id" uuid NOT NULL,
                "name" character varying(60) NOT NULL,
                "credits" integer NOT NULL,
                "sort_order" integer NOT NULL DEFAULT '0',
                CONSTRAINT "chk_programme_unit_credits" CHECK ("credits" > 0),
                CONSTRAINT "PK_b7b24e1bfec634412482c107330" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_programme_unit_name" ON "programme_unit" ("programme_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "diploma_class" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "programme_id" uuid NOT NULL,
                "name" character varying(60) NOT NULL,
                "cohort_year" integer NOT NULL,
                "venue_organisation_id" uuid,
                "mode" character varying(12) NOT NULL DEFAULT 'in_facility',
                "capacity" integer NOT NULL,
                "seats_taken" integer NOT NULL DEFAULT '0',
                "head_teacher_id" uuid,
                "starts_on" date NOT NULL,
                "ends_on" date NOT NULL,
                CONSTRAINT "chk_diploma_class_mode" CHECK ("mode" IN ('in_facility', 'community', 'distance')),
                CONSTRAINT "chk_diploma_class_seats" CHECK (
                    "seats_taken" >= 0
                    AND "seats_taken" <= "capacity"
                ),
                CONSTRAINT "PK_4692c6d1ef0a34c5d6e09b86302" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "class_enrolment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "class_id" uuid NOT NULL,
                "trainee_id" uuid NOT NULL,
                "state" character varying(12) NOT NULL DEFAULT 'applied',
                "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "applied_by" uuid NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decided_by" uuid,
                "reason" character varying(500),
                "transferred_to_id" uuid,
                CONSTRAINT "chk_class_enrolment_state" CHECK (
                    "state" IN (
                        'applied',
                        'approved',
                        'waitlisted',
                        'rejected',
                        'active',
                        'graduated',
                        'withdrawn',
                        'transferred'
                    )
                ),
                CONSTRAINT "PK_b241929614f86fac4ed49933e3c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_class_enrolment_trainee" ON "class_enrolment" ("trainee_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_class_enrolment_class_state" ON "class_enrolment" ("class_id", "state", "applied_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_class_enrolment_live" ON "class_enrolment" ("class_id", "trainee_id")
            WHERE state IN ('applied', 'approved', 'waitlisted', 'active')
        `);
        await queryRunner.query(`
            CREATE TABLE "unit_grade" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trainee_id" uuid NOT NULL,
                "unit_id" uuid NOT NULL,
                "score" integer NOT NULL,
                "recorded_by" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_unit_grade_score" CHECK (
                    "score" >= 0
                    AND "score" <= 100
                ),
                CONSTRAINT "PK_c06435de26b2f9764f197b029f6" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_unit_grade" ON "unit_grade" ("trainee_id", "unit_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "class_attendance" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "enrolment_id" uuid NOT NULL,
                "meeting_on" date NOT NULL,
                "present" boolean NOT NULL,
                "recorded_by" uuid NOT NULL,
                CONSTRAINT "PK_93035592d358468aadd922d84c9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_class_attendance" ON "class_attendance" ("enrolment_id", "meeting_on")
        `);
        await queryRunner.query(`
            CREATE TABLE "diploma" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trainee_id" uuid NOT NULL,
                "programme_id" uuid NOT NULL,
                "enrolment_id" uuid NOT NULL,
                "number" character varying(24) NOT NULL,
                "verification_code" character varying(16) NOT NULL,
                "graduated_on" date NOT NULL,
                "credits_earned" integer NOT NULL,
                "issued_by" uuid NOT NULL,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_17fdb808898615d3fb807644165" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_diploma_trainee_programme" ON "diploma" ("trainee_id", "programme_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_diploma_verification_code" ON "diploma" ("verification_code")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_diploma_number" ON "diploma" ("number")
        `);
        await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "kind" character varying(40) NOT NULL,
                "title_zh" character varying(120) NOT NULL,
                "title_en" character varying(160) NOT NULL,
                "link" character varying(200),
                "dedupe_key" character varying(120) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notification_dedupe" ON "notification" ("user_id", "dedupe_key")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_notification_user" ON "notification" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD CONSTRAINT "fk_course_occupation" FOREIGN KEY ("occupation_code") REFERENCES "occupation"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD CONSTRAINT "fk_course_provider" FOREIGN KEY ("provider_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "course_session"
            ADD CONSTRAINT "fk_course_session_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "course_session"
            ADD CONSTRAINT "fk_course_session_venue" FOREIGN KEY ("venue_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "course_session"
            ADD CONSTRAINT "fk_course_session_instructor" FOREIGN KEY ("instructor_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_enrolment"
            ADD CONSTRAINT "fk_session_enrolment_session" FOREIGN KEY ("session_id") REFERENCES "course_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_enrolment"
            ADD CONSTRAINT "fk_session_enrolment_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_attendance"
            ADD CONSTRAINT "fk_session_attendance_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "session_enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "certificate"
            ADD CONSTRAINT "fk_certificate_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "certificate"
            ADD CONSTRAINT "fk_certificate_occupation" FOREIGN KEY ("occupation_code") REFERENCES "occupation"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "programme"
            ADD CONSTRAINT "fk_programme_school" FOREIGN KEY ("school_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "programme_unit"
            ADD CONSTRAINT "fk_programme_unit_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "diploma_class"
            ADD CONSTRAINT "fk_diploma_class_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "diploma_class"
            ADD CONSTRAINT "fk_diploma_class_venue" FOREIGN KEY ("venue_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "diploma_class"
            ADD CONSTRAINT "fk_diploma_class_head_teacher" FOREIGN KEY ("head_teacher_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "class_enrolment"
            ADD CONSTRAINT "fk_class_enrolment_class" FOREIGN KEY ("class_id") REFERENCES "diploma_class"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "class_enrolment"
            ADD CONSTRAINT "fk_class_enrolment_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "unit_grade"
            ADD CONSTRAINT "fk_unit_grade_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "unit_grade"
            ADD CONSTRAINT "fk_unit_grade_unit" FOREIGN KEY ("unit_id") REFERENCES "programme_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "class_attendance"
            ADD CONSTRAINT "fk_class_attendance_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "class_enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "diploma"
            ADD CONSTRAINT "fk_diploma_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "diploma"
            ADD CONSTRAINT "fk_diploma_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "fk_notification_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Certificate and diploma numbers: gap-tolerant, never reused, safe under concurrency.
        await queryRunner.query(`CREATE SEQUENCE certificate_number_seq`);
        await queryRunner.query(`CREATE SEQUENCE diploma_number_seq`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP SEQUENCE diploma_number_seq`);
        await queryRunner.query(`DROP SEQUENCE certificate_number_seq`);
        await queryRunner.query(`
            ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "diploma" DROP CONSTRAINT "fk_diploma_programme"
        `);
        await queryRunner.query(`
            ALTER TABLE "diploma" DROP CONSTRAINT "fk_diploma_trainee"
        `);
        await queryRunner.query(`
            ALTER TABLE "class_attendance" DROP CONSTRAINT "fk_class_attendance_enrolment"
        `);
        await queryRunner.query(`
            ALTER TABLE "unit_grade" DROP CONSTRAINT "fk_unit_grade_unit"
        `);
        await queryRunner.query(`
            ALTER TABLE "unit_grade" DROP CONSTRAINT "fk_unit_grade_trainee"
        `);
        await queryRunner.query(`
            ALTER TABLE "class_enrolment" DROP CONSTRAINT "fk_class_enrolment_trainee"
        `);
        await queryRunner.query(`
            ALTER TABLE "class_enrolment" DROP CONSTRAINT "fk_class_enrolment_class"
        `);
        await queryRunner.query(`
            ALTER TABLE "diploma_class" DROP CONSTRAINT "fk_diploma_class_head_teacher"
        `);
        await queryRunner.query(`
            ALTER TABLE "diploma_class" DROP CONSTRAINT "fk_diploma_class_venue"
        `);
        await queryRunner.query(`
            ALTER TABLE "diploma_class" DROP CONSTRAINT "fk_diploma_class_programme"
        `);
        await queryRunner.query(`
            ALTER TABLE "programme_unit" DROP CONSTRAINT "fk_programme_unit_programme"
        `);
        await queryRunner.query(`
            ALTER TABLE "programme" DROP CONSTRAINT "fk_programme_school"
        `);
        await queryRunner.query(`
            ALTER TABLE "certificate" DROP CONSTRAINT "fk_certificate_occupation"
        `);
        await queryRunner.query(`
            ALTER TABLE "certificate" DROP CONSTRAINT "fk_certificate_trainee"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_attendance" DROP CONSTRAINT "fk_session_attendance_enrolment"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_enrolment" DROP CONSTRAINT "fk_session_enrolment_trainee"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_enrolment" DROP CONSTRAINT "fk_session_enrolment_session"
        `);
        await queryRunner.query(`
            ALTER TABLE "course_session" DROP CONSTRAINT "fk_course_session_instructor"
        `);
        await queryRunner.query(`
            ALTER TABLE "course_session" DROP CONSTRAINT "fk_course_session_venue"
        `);
        await queryRunner.query(`
            ALTER TABLE "course_session" DROP CONSTRAINT "fk_course_session_course"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP CONSTRAINT "fk_course_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP CONSTRAINT "fk_course_occupation"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_notification_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_notification_dedupe"
        `);
        await queryRunner.query(`
            DROP TABLE "notification"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_diploma_number"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_diploma_verification_code"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_diploma_trainee_programme"
        `);
        await queryRunner.query(`
            DROP TABLE "diploma"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_class_attendance"
        `);
        await queryRunner.query(`
            DROP TABLE "class_attendance"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_unit_grade"
        `);
        await queryRunner.query(`
            DROP TABLE "unit_grade"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_class_enrolment_live"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_class_enrolment_class_state"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_class_enrolment_trainee"
        `);
        await queryRunner.query(`
            DROP TABLE "class_enrolment"
        `);
        await queryRunner.query(`
            DROP TABLE "diploma_class"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_programme_unit_name"
        `);
        await queryRunner.query(`
            DROP TABLE "programme_unit"
        `);
        await queryRunner.query(`
            DROP TABLE "programme"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_certificate_number"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_certificate_trainee"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_certificate_occupation_level"
        `);
        await queryRunner.query(`
            DROP TABLE "certificate"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_session_attendance"
        `);
        await queryRunner.query(`
            DROP TABLE "session_attendance"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_session_enrolment_live"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_session_enrolment_session"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_session_enrolment_trainee"
        `);
        await queryRunner.query(`
            DROP TABLE "session_enrolment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_course_session_course"
        `);
        await queryRunner.query(`
            DROP TABLE "course_session"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_course_occupation"
        `);
        await queryRunner.query(`
            DROP TABLE "course"
        `);
    }

}
