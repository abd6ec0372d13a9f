import type { MigrationInterface, QueryRunner } from "typeorm";

/** Employers' orders (订单): the demand side of matching and of "精准" training. */

export class Orders1795884029187 implements MigrationInterface {
    name = 'Orders1795884029187'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "job_order" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "employer_id" uuid NOT NULL,
                "title" character varying(80) NOT NULL,
                "occupation_code" character varying(12) NOT NULL,
                "headcount" integer NOT NULL,
                "required_level" smallint,
                "diploma_wanted" boolean NOT NULL DEFAULT false,
                "division_code" character(6) NOT NULL,
                "workplace_address" character varying(200),
                "wage_min" integer,
                "wage_max" integer,
                "board_and_lodging" character varying(8) NOT NULL DEFAULT 'none',
                "start_date" date NOT NULL,
                "deadline" date NOT NULL,
                "description" character varying(2000),
                "state" character varying(8) NOT NULL DEFAULT 'draft',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "opened_at" TIMESTAMP WITH TIME ZONE,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "chk_job_order_board" CHECK (
                    "board_and_lodging" IN ('none', 'board', 'lodging', 'both')
                ),
                CONSTRAINT "chk_job_order_wage" CHECK (
                    "wage_min" IS NULL
                    OR "wage_max" IS NULL
                    OR "wage_min" <= "wage_max"
                ),
                CONSTRAINT "chk_job_order_level" CHECK (
                    "required_level" IS NULL
                    OR "required_level" BETWEEN 1 AND 5
                ),
                CONSTRAINT "chk_job_order_headcount" CHECK ("headcount" > 0),
                CONSTRAINT "chk_job_order_state" CHECK ("state" IN ('draft', 'open', 'filled', 'closed')),
                CONSTRAINT "PK_5d0d2f60851aaf0a0f47ae5f889" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_job_order_open" ON "job_order" ("state", "occupation_code", "division_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_job_order_employer" ON "job_order" ("employer_id", "state")
        `);
        await queryRunner.query(`
            ALTER TABLE "job_order"
            ADD CONSTRAINT "fk_job_order_employer" FOREIGN KEY ("employer_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "job_order"
            ADD CONSTRAINT "fk_job_order_occupation" FOREIGN KEY ("occupation_code") REFERENCES "occupation"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "job_order"
            ADD CONSTRAINT "fk_job_order_division" FOREIGN KEY ("division_code") REFERENCES "division"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "job_order" DROP CONSTRAINT "fk_job_order_division"
        `);
        await queryRunner.query(`
            ALTER TABLE "job_order" DROP CONSTRAINT "fk_job_order_occupation"
        `);
        await queryRunner.query(`
            ALTER TABLE "job_order" DROP CONSTRAINT "fk_job_order_employer"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_job_order_employer"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."idx_job_order_open"
        `);
        await queryRunner.query(`
            DROP TABLE "job_order"
        `);
    }

}
