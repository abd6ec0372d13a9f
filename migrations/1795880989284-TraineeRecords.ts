import type { MigrationInterface, QueryRunner } from "typeorm";

/** Trainee files: profile, lifecycle history, consent (with its texts), pre-release checklist, corrections, handovers. */

export class TraineeRecords1795880989284 implements MigrationInterface {
    name = 'TraineeRecords1795880989284'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "consent_text" (
                "purpose" character varying(24) NOT NULL,
                "version" integer NOT NULL,
                "text_zh" text NOT NULL,
                "text_en" text NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_daf8975d159fc2d4ac1004b616c" PRIMARY KEY ("purpose", "version")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "consent" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trainee_id" uuid NOT NULL,
                "purpose" character varying(24) NOT NULL,
                "employer_id" uuid,
                "text_version" integer NOT NULL,
                "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "granted_by" uuid NOT NULL,
                "granted_assisted" boolean NOT NULL DEFAULT false,
                "paper_form_ref" character varying(60),
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_by" uuid,
                "withdrawn_assisted" boolean,
                CONSTRAINT "chk_consent_employer" CHECK (
                    ("purpose" = 'share_with_employer') = ("employer_id" IS NOT NULL)
                ),
                CONSTRAINT "chk_consent_purpose" CHECK (
                    "purpose" IN (
                        'job_matching',
                        'share_with_employer',
                        'follow_up_contact'
                    )
                ),
                CONSTRAINT "PK_9115e8d6b082d4fc46d56134d29" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_consent_trainee" ON "consent" ("trainee_id", "granted_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_consent_live_employer" ON "consent" ("trainee_id", "purpose", "employer_id")
            WHERE withdrawn_at IS NULL
                AND employer_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_consent_live" ON "consent" ("trainee_id", "purpose")
            WHERE withdrawn_at IS NULL
                AND employer_id IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "handover" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trainee_id" uuid NOT NULL,
                "from_organisation_id" uuid NOT NULL,
                "to_organisation_id" uuid NOT NULL,
                "state" character varying(10) NOT NULL DEFAULT 'prepared',
                "release_date" date NOT NULL,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "accepted_by" uuid,
                "rejected_at" TIMESTAMP WITH TIME ZONE,
                "rejected_by" uuid,
                "reject_reason" character varying(500),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "completed_by" uuid,
                "escort_name" character varying(60),
                "receiving_officer" character varying(60),
                "documents" character varying array NOT NULL DEFAULT '{}',
                "handover_place" character varying(120),
                "handed_over_on" date,
                CONSTRAINT "chk_handover_state" CHECK (
                    "state" IN (
                        'prepared',
                        'sent',
                        'accepted',
                        'completed',
                        'rejected'
                    )
                ),
                CONSTRAINT "PK_15e64c0391cf9fb9278f297691f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_handover_from" ON "handover" ("from_organisation_id", "state")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_handover_to" ON "handover" ("to_organisation_id", "state")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_handover_open" ON "handover" ("trainee_id")
            WHERE state IN ('prepared', 'sent', 'accepted')
        `);
        await queryRunner.query(`
            CREATE TABLE "checklist_item" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trainee_id" uuid NOT NULL,
                "item_key" character varying(24) NOT NULL,
                "done_on" date,
                "note" character varying(500),
                "done_by" uuid,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_checklist_item_key" CHECK (
                    "item_key" IN (
                        'situation_policy',
                        'anti_drug',
                        'mental_health',
                        'employment_guidance',
                        'handover_documents'
                    )
                ),
                CONSTRAINT "PK_0c52d9590c766a9ae718e16cebf" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_checklist_item" ON "checklist_item" ("trainee_id", "item_key")
        `);
        await queryRunner.query(`
            CREATE TABLE "correction_request" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trainee_id" uuid NOT NULL,
                "field" character varying(40) NOT NULL,
                "message" character varying(1000) NOT NULL,
                "status" character varying(10) NOT NULL DEFAULT 'open',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid NOT NULL,
                "assisted" boolean NOT NULL DEFAULT false,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "resolved_by" uuid,
                "resolution_note" character varying(500),
                CONSTRAINT "chk_correction_request_status" CHECK ("status" IN ('open', 'resolved', 'declined')),
                CONSTRAINT "PK_f27fae3589d868eb5ebd6f6425d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_correction_request_trainee" ON "correction_request" ("trainee_id", "status")
        `);
        await queryRunner.query(`
            CREATE TABLE "trainee_state_change" (
                "id" BIGSERIAL NOT NULL,
                "trainee_id" uuid NOT NULL,
                "from_state" character varying(12),
                "to_state" character varying(12) NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "changed_by" uuid,
                "reason" character varying(500) NOT NULL,
                CONSTRAINT "PK_010704fa0def30bb58d3f73fa4e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_state_change_trainee" ON "trainee_state_change" ("trainee_id", "changed_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD "permissions" character varying array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "phone" character varying(20)
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "education_level" character varying(12)
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "work_history" character varying(1000)
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "skills" character varying array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "preferred_industries" character varying array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "preferred_divisions" character varying array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "wage_expectation" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "willing_to_live_on_site" boolean
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "created_by" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "identity_number_head" character(4)
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_trainee_full_name" ON "trainee" ("full_name")
        `);
        await queryRunner.query(`
            ALTER TABLE "consent"
            ADD CONSTRAINT "fk_consent_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consent"
            ADD CONSTRAINT "fk_consent_employer" FOREIGN KEY ("employer_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "handover"
            ADD CONSTRAINT "fk_handover_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "handover"
            ADD CONSTRAINT "fk_handover_from" FOREIGN KEY ("from_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "handover"
            ADD CONSTRAINT "fk_handover_to" FOREIGN KEY ("to_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "checklist_item"
            ADD CONSTRAINT "fk_checklist_item_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "correction_request"
            ADD CONSTRAINT "fk_correction_request_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee_state_change"
            ADD CONSTRAINT "fk_trainee_state_change_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Version 1 of each consent text (PIPL Arts. 14–16, 29–30): what is shared, with whom, and why.
        await queryRunner.query(
            `INSERT INTO consent_text (purpose, version, text_zh, text_en) VALUES
            ('job_matching', 1,
             '我同意平台用我的技能、证书、学历、期望工作地区和工资等信息为我推荐工作。用人单位只能看到一个不含姓名的编号和这些信息，看不到我的姓名、身份证号、住址、戒毒经历或所在单位。我可以随时撤回，撤回后立即不再被推荐。',
             'I agree that the platform uses my skills, certificates, diploma, preferred work areas and wage to recommend jobs to me. Employers see only a code and these facts — never my name, identity number, address, rehabilitation history or where I am held. I can withdraw at any time; from then on I am not recommended.'),
            ('share_with_employer', 1,
             '我同意把我的姓名和手机号告诉下面这一家用人单位，以便安排面试和录用。只告诉这一家，不包括身份证号、住址、戒毒经历或回访信息。我可以随时撤回。',
             'I agree that my name and mobile number are given to the one employer named here, to arrange interviews and hiring. Only to this employer, and never my identity number, address, rehabilitation history or follow-up records. I can withdraw at any time.'),
            ('follow_up_contact', 1,
             '我同意回归社会后，社区康复指导站的工作人员通过电话或上门与我联系回访，了解就业和生活情况，为我提供帮助。回访记录只有指导站的工作人员能看到。我可以随时撤回。',
             'I agree that after release the community rehabilitation station''s staff contact me by phone or visit to follow up on work and life and to offer help. Only the station''s staff see the visit records. I can withdraw at any time.')`,
        );
        // Trainees already in pre-release get their checklist.
        await queryRunner.query(
            `INSERT INTO checklist_item (trainee_id, item_key)
             SELECT t.id, k FROM trainee t
             CROSS JOIN unnest(ARRAY['situation_policy','anti_drug','mental_health','employment_guidance','handover_documents']) AS k
             WHERE t.state = 'pre_release'
             ON CONFLICT DO NOTHING`,
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "trainee_state_change" DROP CONSTRAINT "fk_trainee_state_change_trainee"
        `);
        await queryRunner.query(`
            ALTER TABLE "correction_request" DROP CONSTRAINT "fk_correction_request_trainee"
        `);
        await queryRunner.query(`
            ALTER TABLE "checklist_item" DROP CONSTRAINT "fk_checklist_item_trainee"
        `);
        await queryRunner.query(`
            ALTER TABLE "handover" DROP CONSTRAINT "fk_handover_to"
        `);
        await queryRunner.query(`
            ALTER TABLE "handover" DROP CONSTRAINT "fk_handover_from"
        `);
        await queryRunner.query(`
            ALTER TABLE "handover" DROP CONSTRAINT "fk_handover_trainee"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent" DROP CONSTRAINT "fk_consent_employer"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent" DROP CONSTRAINT "fk_consent_trainee"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_trainee_full_name"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "identity_number_head"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "created_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "willing_to_live_on_site"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "wage_expectation"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "preferred_divisions"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "preferred_industries"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "skills"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "work_history"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "education_level"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "phone"
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user" DROP COLUMN "permissions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_trainee_state_change_trainee"
        `);
        await queryRunner.query(`
            DROP TABLE "trainee_state_change"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_correction_request_trainee"
        `);
        await queryRunner.query(`
            DROP TABLE "correction_request"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_checklist_item"
        `);
        await queryRunner.query(`
            DROP TABLE "checklist_item"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_handover_open"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_handover_to"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_handover_from"
        `);
        await queryRunner.query(`
            DROP TABLE "handover"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_consent_live"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_consent_live_employer"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_consent_trainee"
        `);
        await queryRunner.query(`
            DROP TABLE "consent"
        `);
        await queryRunner.query(`
            DROP TABLE "consent_text"
        `);
    }

}
