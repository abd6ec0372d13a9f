import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Diploma numbers lose the platform prefix: `JBH-ZZ-2024-00429` becomes `ZZ-2024-00429`. The number
 * is shown to anyone who verifies a diploma, and a prefix naming this platform tells them where the
 * holder studied. Serials are unchanged, so the numbers stay unique; holders of a printed diploma
 * with the old number get it reprinted from their diploma page.
 */
export class NeutralDiplomaNumbers1796411573763 implements MigrationInterface {
    name = 'NeutralDiplomaNumbers1796411573763'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            UPDATE "diploma" SET "number" = substring("number" from 5) WHERE "number" LIKE 'JBH-ZZ-%'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            UPDATE "diploma" SET "number" = 'JBH-' || "number" WHERE "number" ~ '^ZZ-[0-9]{4}-[0-9]+$'
        `);
    }

}
