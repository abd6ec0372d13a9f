import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legal job limits after compulsory isolated drug rehabilitation: one row per rule, an occupation code
 * (or a prefix of one) of the 2022 classification, barred for good or for a number of years after
 * release, and optionally while the person is still in the facility or under community rehabilitation.
 * Seeded only with rules whose articles could be cited word for word (see the report of "joblimits").
 */
export class JobLimitRules1796500400000 implements MigrationInterface {
  name = 'JobLimitRules1796500400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "job_limit_rule" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "occupation_prefix" varchar(12) NOT NULL,
        "kind" varchar(16) NOT NULL,
        "waiting_years" smallint,
        "during_supervision" boolean NOT NULL DEFAULT false,
        "legal_reference" varchar(200) NOT NULL,
        "summary_zh" varchar(500) NOT NULL,
        "summary_en" varchar(500) NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "created_by" uuid,
        "updated_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_job_limit_rule" PRIMARY KEY ("id"),
        CONSTRAINT "chk_job_limit_rule_kind" CHECK ("kind" IN ('waiting_period','barred')),
        CONSTRAINT "chk_job_limit_rule_years" CHECK (
          ("kind" = 'barred' AND "waiting_years" IS NULL AND NOT "during_supervision")
          OR ("kind" = 'waiting_period' AND "waiting_years" BETWEEN 1 AND 10)
        ),
        CONSTRAINT "chk_job_limit_rule_prefix" CHECK ("occupation_prefix" ~ '^[1-8](-[0-9]{2}){0,3}$')
      )
    `);
    // Seeded rules: created_by NULL (the installation, not a person).
    await queryRunner.query(
      `INSERT INTO "job_limit_rule" ("occupation_prefix", "kind", "waiting_years", "during_supervision", "legal_reference", "summary_zh", "summary_en")
       SELECT p, 'waiting_period', 3, true, $1, $2, $3 FROM unnest($4::varchar[]) AS p`,
      [
        '《机动车驾驶证申领和使用规定》（公安部令第162号）第十五条第一款第（二）项、第七十九条第一款第（六）项',
        '解除强制隔离戒毒措施未满三年的，不得申请机动车驾驶证；正在执行社区戒毒、社区康复或强制隔离戒毒措施的，驾驶证应当注销。',
        'No driving licence until three years after release from compulsory isolated rehabilitation, nor while community rehabilitation or compulsory isolated rehabilitation lasts.',
        ['4-02-02-01', '4-02-02-02', '4-02-02-07'],
      ],
    );
    await queryRunner.query(
      `INSERT INTO "job_limit_rule" ("occupation_prefix", "kind", "legal_reference", "summary_zh", "summary_en") VALUES ('4-07-05-01', 'barred', $1, $2, $3)`,
      [
        '《保安服务管理条例》（国务院令第564号）第十七条第（一）项',
        '曾被强制隔离戒毒的，不能担任保安员。',
        'A person who was ever in compulsory isolated rehabilitation cannot work as a security guard.',
      ],
    );
    await queryRunner.query(
      `INSERT INTO "job_limit_rule" ("occupation_prefix", "kind", "legal_reference", "summary_zh", "summary_en") VALUES ('4-14-05-04', 'barred', $1, $2, $3)`,
      [
        '《娱乐场所管理条例》（国务院令第458号）第五条第（三）项',
        '因吸食、注射毒品曾被强制戒毒的，不得在娱乐场所（歌舞、游艺等场所）内从业。',
        'A person who was ever in compulsory rehabilitation for drug use may not work inside an entertainment venue (karaoke, dance or game halls).',
      ],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_limit_rule"`);
  }
}
