import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One row per database: the fingerprint of the field-encryption key its identity numbers were
 * encrypted with (HMAC-SHA256 of a fixed label under the key — never the key, nor a plain hash of it).
 * Boot refuses a different key instead of serving undecryptable identity numbers and, through the
 * keyed look-up hash, admitting the same person twice. Written at first boot, see prepare.ts.
 */
export class Installation1796421460376 implements MigrationInterface {
    name = 'Installation1796421460376'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "installation" (
                "id" smallint NOT NULL DEFAULT 1,
                "key_fingerprint" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_installation_single_row" CHECK ("id" = 1),
                CONSTRAINT "chk_installation_key_fingerprint" CHECK ("key_fingerprint" ~ '^[0-9a-f]{64}$'),
                CONSTRAINT "PK_installation" PRIMARY KEY ("id")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "installation"`);
    }

}
