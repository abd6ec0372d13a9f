import type { MigrationInterface, QueryRunner } from "typeorm";

/** Matching reads an occupation's certificate holders from the index alone: the trainee joins the key. */

export class CertificateHoldersIndex1795919332331 implements MigrationInterface {
    name = 'CertificateHoldersIndex1795919332331'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."idx_certificate_occupation_level"
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_certificate_occupation_level" ON "certificate" ("occupation_code", "level", "trainee_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."idx_certificate_occupation_level"
        `);
        await queryRunner.query(`
            CREATE INDEX "idx_certificate_occupation_level" ON "certificate" ("occupation_code", "level")
        `);
    }

}
