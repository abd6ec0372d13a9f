import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The needs assessment and the personal plan (个人回归计划): versioned assessments with their
 * areas, the plan's goals (the motto's three and the person's own), its steps and its reviews.
 * The staff's notes and review summaries are internal; the trainee's portal never reads them.
 */
export class ReentryPlan1796500600000 implements MigrationInterface {
  name = 'ReentryPlan1796500600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "needs_assessment" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "trainee_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "stage" character varying(12) NOT NULL,
        "assessed_by" uuid,
        "assessed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_needs_assessment_stage" CHECK ("stage" IN ('admission','pre_release','community')),
        CONSTRAINT "chk_needs_assessment_version" CHECK ("version" > 0),
        CONSTRAINT "pk_needs_assessment" PRIMARY KEY ("id"),
        CONSTRAINT "fk_needs_assessment_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_needs_assessment_assessor" FOREIGN KEY ("assessed_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )
    `);
    await q.query(`CREATE UNIQUE INDEX "uq_needs_assessment_version" ON "needs_assessment" ("trainee_id", "version")`);
    await q.query(`
      CREATE TABLE "needs_assessment_area" (
        "assessment_id" uuid NOT NULL,
        "area" character varying(12) NOT NULL,
        "level" character varying(8) NOT NULL,
        "items" character varying array NOT NULL DEFAULT '{}',
        "note" character varying(1000),
        CONSTRAINT "chk_needs_assessment_area" CHECK ("area" IN ('documents','housing','health','family','finance','education','work')),
        CONSTRAINT "chk_needs_assessment_level" CHECK ("level" IN ('none','some','urgent')),
        CONSTRAINT "pk_needs_assessment_area" PRIMARY KEY ("assessment_id", "area"),
        CONSTRAINT "fk_needs_assessment_area_assessment" FOREIGN KEY ("assessment_id") REFERENCES "needs_assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )
    `);
    await q.query(`
      CREATE TABLE "plan_goal" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "trainee_id" uuid NOT NULL,
        "kind" character varying(8) NOT NULL,
        "title" character varying(200),
        "target_on" date,
        "status" character varying(10) NOT NULL DEFAULT 'open',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_plan_goal_kind" CHECK ("kind" IN ('skill','diploma','job','own')),
        CONSTRAINT "chk_plan_goal_status" CHECK ("status" IN ('open','achieved','dropped')),
        CONSTRAINT "pk_plan_goal" PRIMARY KEY ("id"),
        CONSTRAINT "fk_plan_goal_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )
    `);
    await q.query(`CREATE INDEX "idx_plan_goal_trainee" ON "plan_goal" ("trainee_id")`);
    // One of each motto goal per trainee, however many assessments race to create them.
    await q.query(`CREATE UNIQUE INDEX "uq_plan_goal_motto" ON "plan_goal" ("trainee_id", "kind") WHERE "kind" <> 'own'`);
    await q.query(`
      CREATE TABLE "plan_action" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "trainee_id" uuid NOT NULL,
        "goal_id" uuid,
        "area" character varying(12) NOT NULL,
        "need_code" character varying(32),
        "title" character varying(200) NOT NULL,
        "owner" character varying(10) NOT NULL,
        "due_on" date,
        "status" character varying(10) NOT NULL DEFAULT 'open',
        "done_by" uuid,
        "done_at" TIMESTAMP WITH TIME ZONE,
        "marked_by_trainee" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_plan_action_area" CHECK ("area" IN ('documents','housing','health','family','finance','education','work')),
        CONSTRAINT "chk_plan_action_owner" CHECK ("owner" IN ('trainee','counsellor','station')),
        CONSTRAINT "chk_plan_action_status" CHECK ("status" IN ('open','done','cancelled')),
        CONSTRAINT "chk_plan_action_done" CHECK (("status" = 'done') = ("done_at" IS NOT NULL)),
        CONSTRAINT "pk_plan_action" PRIMARY KEY ("id"),
        CONSTRAINT "fk_plan_action_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_plan_action_goal" FOREIGN KEY ("goal_id") REFERENCES "plan_goal"("id") ON DELETE SET NULL ON UPDATE NO ACTION,
        CONSTRAINT "fk_plan_action_done_by" FOREIGN KEY ("done_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )
    `);
    await q.query(`CREATE INDEX "idx_plan_action_trainee" ON "plan_action" ("trainee_id", "status")`);
    await q.query(`
      CREATE TABLE "plan_review" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "trainee_id" uuid NOT NULL,
        "due_on" date NOT NULL,
        "held_on" date,
        "summary" character varying(2000),
        "next_review_on" date,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_plan_review" PRIMARY KEY ("id"),
        CONSTRAINT "fk_plan_review_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )
    `);
    await q.query(`CREATE INDEX "idx_plan_review_trainee" ON "plan_review" ("trainee_id", "due_on")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "plan_review"`);
    await q.query(`DROP TABLE "plan_action"`);
    await q.query(`DROP TABLE "plan_goal"`);
    await q.query(`DROP TABLE "needs_assessment_area"`);
    await q.query(`DROP TABLE "needs_assessment"`);
  }
}
