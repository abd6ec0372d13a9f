import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling without a lockout (issue 16). `sign_in_throttle` counts recent failed
 * sign-ins per account (keyed hash of the normalised username, so known and unknown names behave
 * alike) and per client address (keyed hash, never the address itself); PostgreSQL holds the
 * counts so every process sees the same ones. `sign_in_challenge_used` remembers solved ALTCHA
 * challenges until they expire, so one solution opens one attempt. The old lockout columns
 * (`app_user.failed_login_count`, `locked_until`) stay: nothing sets them any more.
 */
export class SignInThrottle1796423845111 implements MigrationInterface {
  name = 'SignInThrottle1796423845111';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "sign_in_throttle" (
        "scope" character varying(7) NOT NULL,
        "key" character(64) NOT NULL,
        "failures" integer NOT NULL,
        "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "chk_sign_in_throttle_scope" CHECK ("scope" IN ('account','address')),
        CONSTRAINT "PK_sign_in_throttle" PRIMARY KEY ("scope", "key")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_sign_in_throttle_last_failure" ON "sign_in_throttle" ("last_failure_at")`);
    await queryRunner.query(`
      CREATE TABLE "sign_in_challenge_used" (
        "nonce" character varying(64) NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_sign_in_challenge_used" PRIMARY KEY ("nonce")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_sign_in_challenge_used_expires" ON "sign_in_challenge_used" ("expires_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sign_in_challenge_used"`);
    await queryRunner.query(`DROP TABLE "sign_in_throttle"`);
  }
}
