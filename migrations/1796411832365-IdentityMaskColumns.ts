import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The identity number could be rebuilt from what the caseload showed without `identity.unmask`:
 * the mask gave its first 4 and last 4 characters, the file gave the full birth date, and the home
 * division narrowed the region, so with the check character one or two numbers remained. From now
 * on only the ciphertext, the keyed hash and the last 4 characters (`identity_number_tail`) are
 * kept, and the birth date is kept as its year (`birth_year`, for ages): the region and the day of
 * birth are only inside the ciphertext.
 *
 * Dropping a column leaves its values in the table's pages until they are rewritten, so the last
 * step rewrites the table (a no-op type change with an expression forces it): the old heap, with
 * the dropped values, is deleted at commit. Backups and WAL archives taken before still hold them.
 */
export class IdentityMaskColumns1796411832365 implements MigrationInterface {
    name = 'IdentityMaskColumns1796411832365'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "birth_year" smallint
        `);
        await queryRunner.query(`
            UPDATE "trainee" SET "birth_year" = EXTRACT(YEAR FROM "birth_date")::smallint
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ALTER COLUMN "birth_year" SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "birth_date"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "identity_number_head"
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ALTER COLUMN "birth_year" TYPE smallint USING "birth_year" + 0
        `);
    }

    /**
     * Restores the columns, empty: the day of birth and the first 4 characters exist only inside
     * `identity_number_cipher`, which SQL cannot decrypt. `birth_date` comes back nullable; filling
     * it (and `identity_number_head`) takes a script in the application, with the field key, after
     * which `birth_date` can be made NOT NULL again.
     */
    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "identity_number_head" character(4)
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee"
            ADD "birth_date" date
        `);
        await queryRunner.query(`
            ALTER TABLE "trainee" DROP COLUMN "birth_year"
        `);
    }

}
