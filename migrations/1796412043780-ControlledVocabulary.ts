import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Employers see only controlled vocabulary. A trainee's skills become occupation codes of the 2022
 * classification with a level (what matches an occupation name, with 五级…一级 / 初级工…高级技师
 * read as the level); what matches none is kept, word for word, in the internal skills_note.
 * Preferred industries become middle categories of the classification (exact name or code);
 * the rest goes to the same note. A recommendation gains reasons from a fixed list; its free-text
 * note stays, internal.
 */
export class ControlledVocabulary1796412043780 implements MigrationInterface {
    name = 'ControlledVocabulary1796412043780'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "trainee" RENAME COLUMN "skills" TO "skills_text"`);
        await queryRunner.query(`ALTER TABLE "trainee" RENAME COLUMN "preferred_industries" TO "industries_text"`);
        await queryRunner.query(`ALTER TABLE "trainee" ADD "skills" jsonb NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "trainee" ADD "skills_note" character varying(1000)`);
        await queryRunner.query(`ALTER TABLE "trainee" ADD "preferred_industries" character varying(5) array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`
            WITH item AS (
                SELECT t.id, s.raw, s.ord,
                       CASE WHEN s.raw ~ '一级|高级技师' THEN 1 WHEN s.raw ~ '二级|技师' THEN 2 WHEN s.raw ~ '三级|高级工' THEN 3
                            WHEN s.raw ~ '四级|中级工' THEN 4 WHEN s.raw ~ '五级|初级工' THEN 5 END AS level,
                       regexp_replace(s.raw, '(一级|二级|三级|四级|五级|高级技师|技师|高级工|中级工|初级工|[[:space:]/（）()·:：-])', '', 'g') AS name
                  FROM trainee t, unnest(t.skills_text) WITH ORDINALITY AS s(raw, ord)
            ), matched AS (
                SELECT i.id, i.raw, i.ord, i.level, o.code FROM item i LEFT JOIN occupation o ON o.name = i.name OR o.code = i.raw
            )
            UPDATE trainee t SET
                skills = COALESCE((SELECT jsonb_agg(jsonb_build_object('occupationCode', m.code, 'level', m.level) ORDER BY m.ord)
                                     FROM (SELECT DISTINCT ON (code) * FROM matched WHERE matched.id = t.id AND code IS NOT NULL ORDER BY code, ord) m), '[]'),
                skills_note = NULLIF(concat_ws('；',
                    (SELECT '技能：' || string_agg(raw, '、' ORDER BY ord) FROM matched WHERE matched.id = t.id AND code IS NULL),
                    (SELECT '意向行业：' || string_agg(pi, '、') FROM unnest(t.industries_text) pi
                      WHERE NOT EXISTS (SELECT 1 FROM occupation o WHERE o.middle_name = pi OR o.middle_code = pi))), '')
             WHERE cardinality(t.skills_text) > 0 OR cardinality(t.industries_text) > 0
        `);
        await queryRunner.query(`
            UPDATE trainee t SET preferred_industries = ARRAY(
                SELECT DISTINCT o.middle_code FROM unnest(t.industries_text) pi JOIN occupation o ON o.middle_name = pi OR o.middle_code = pi
                 ORDER BY 1)
             WHERE cardinality(t.industries_text) > 0
        `);
        await queryRunner.query(`ALTER TABLE "trainee" DROP COLUMN "skills_text"`);
        await queryRunner.query(`ALTER TABLE "trainee" DROP COLUMN "industries_text"`);
        await queryRunner.query(`ALTER TABLE "placement" ADD "reasons" character varying(32) array NOT NULL DEFAULT '{}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "placement" DROP COLUMN "reasons"`);
        await queryRunner.query(`ALTER TABLE "trainee" ADD "skills_text" character varying array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "trainee" ADD "industries_text" character varying array NOT NULL DEFAULT '{}'`);
        // Back to words: the occupation's name with its level, the industry's name. The note stays lost.
        await queryRunner.query(`
            UPDATE trainee t SET
                skills_text = ARRAY(SELECT o.name || COALESCE('/' || (ARRAY['一级','二级','三级','四级','五级'])[(s->>'level')::int], '')
                                      FROM jsonb_array_elements(t.skills) s JOIN occupation o ON o.code = s->>'occupationCode'),
                industries_text = ARRAY(SELECT DISTINCT o.middle_name FROM occupation o WHERE o.middle_code = ANY (t.preferred_industries))
        `);
        await queryRunner.query(`ALTER TABLE "trainee" DROP COLUMN "skills"`);
        await queryRunner.query(`ALTER TABLE "trainee" DROP COLUMN "skills_note"`);
        await queryRunner.query(`ALTER TABLE "trainee" DROP COLUMN "preferred_industries"`);
        await queryRunner.query(`ALTER TABLE "trainee" RENAME COLUMN "skills_text" TO "skills"`);
        await queryRunner.query(`ALTER TABLE "trainee" RENAME COLUMN "industries_text" TO "preferred_industries"`);
    }

}
