import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Idempotency-Key claims and stored answers (issue 15): a repeat of the same submit gets the first
 * answer instead of creating a second order. Rows expire after 24 h; the housekeeping job deletes them.
 */
export class IdempotencyKeys1796421448397 implements MigrationInterface {
    name = 'IdempotencyKeys1796421448397'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "idempotency_key" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "caller" character varying(80) NOT NULL,
                "method" character varying(7) NOT NULL,
                "route" character varying(300) NOT NULL,
                "key" character varying(128) NOT NULL,
                "request_hash" character(64) NOT NULL,
                "claim_id" uuid NOT NULL,
                "state" character varying(10) NOT NULL,
                "response_status" smallint,
                "response_body" bytea,
                "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "chk_idempotency_key_state" CHECK ("state" IN ('running','done')),
                CONSTRAINT "PK_idempotency_key" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_idempotency_key_scope" ON "idempotency_key" ("caller", "method", "route", "key")`);
        await queryRunner.query(`CREATE INDEX "idx_idempotency_key_expires" ON "idempotency_key" ("expires_at")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "idempotency_key"`);
    }

}
