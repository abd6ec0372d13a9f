import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sealing (封存). A sealed person's record disappears from everything the app reads: a row-level
 * security policy on `trainee` hides it from the app's database role (never the owner, which migrates
 * and backs up), so every list, search, export, join and employer view written today or later leaves
 * it out without knowing of it. The few who must see it — the sealing job, an approved unsealing, the
 * outcome table's refresh (aggregate reports still count the person) — say so for one transaction
 * with `set_config('jbh.sealed_access', 'on', true)` (server/src/database/sealed-records.ts).
 *
 * `record_seal` keeps every sealing and every request to unseal: a legal basis from a fixed list, who
 * asked, and a second administrator who decided (never the same one). An approved unsealing lasts
 * until `trainee.seal_exempt_until`; the job seals the record again after it.
 */
export class RecordSealing1796500900000 implements MigrationInterface {
  name = 'RecordSealing1796500900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "trainee" ADD "sealed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "trainee" ADD "seal_exempt_until" date`);
    await q.query(`
      CREATE TABLE "record_seal" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "trainee_id" uuid NOT NULL,
        "kind" character varying(8) NOT NULL,
        "basis" character varying(24) NOT NULL,
        "note" character varying(500),
        "state" character varying(10) NOT NULL,
        "requested_by" uuid,
        "decided_by" uuid,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "exempt_until" date,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_record_seal_kind" CHECK ("kind" IN ('seal','unseal','erase')),
        CONSTRAINT "chk_record_seal_state" CHECK ("state" IN ('done','requested','approved','rejected')),
        CONSTRAINT "chk_record_seal_basis" CHECK ("basis" IN ('closed_years','retention','case_investigation','statutory_query','person_request','readmission')),
        CONSTRAINT "chk_record_seal_second_approver" CHECK ("decided_by" IS NULL OR "requested_by" IS NULL OR "decided_by" <> "requested_by"),
        CONSTRAINT "pk_record_seal" PRIMARY KEY ("id"),
        CONSTRAINT "fk_record_seal_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_record_seal_requested_by" FOREIGN KEY ("requested_by") REFERENCES "app_user"("id") ON DELETE SET NULL,
        CONSTRAINT "fk_record_seal_decided_by" FOREIGN KEY ("decided_by") REFERENCES "app_user"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "idx_record_seal_trainee" ON "record_seal" ("trainee_id", "created_at")`);
    // One open request per person: a second would be decided twice.
    await q.query(`CREATE UNIQUE INDEX "uq_record_seal_open_request" ON "record_seal" ("trainee_id") WHERE "state" = 'requested'`);
    // The job finds what to seal: closed files (few) and exemptions that ended.
    await q.query(`CREATE INDEX "idx_trainee_sealable" ON "trainee" ("id") WHERE "state" = 'closed' AND "sealed_at" IS NULL`);

    await q.query(`ALTER TABLE "trainee" ENABLE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY "trainee_unsealed" ON "trainee"
        USING ("sealed_at" IS NULL OR current_setting('jbh.sealed_access', true) = 'on')
        WITH CHECK ("sealed_at" IS NULL OR current_setting('jbh.sealed_access', true) = 'on')`);
    // Whether an identity number is on record at all, sealed or not: creating a second record for a
    // sealed person must be refused (the unique hash would), and a re-admission must learn the record is
    // sealed rather than missing. Run as the owner (SECURITY DEFINER), so row-level security does not
    // hide the sealed rows; they answer about the hashes given, nothing else.
    await q.query(`
      CREATE FUNCTION trainee_identity_hashes_taken(hashes text[]) RETURNS SETOF text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
      AS $$ SELECT identity_number_hash::text FROM trainee WHERE identity_number_hash = ANY(hashes) $$`);
    await q.query(`
      CREATE FUNCTION trainee_identity_sealed(hash text) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
      AS $$ SELECT EXISTS (SELECT 1 FROM trainee WHERE identity_number_hash = hash AND sealed_at IS NOT NULL) $$`);
    // A diploma is the person's, sealed or not: its public verification must keep working after the
    // record is sealed (it shows the holder's name, the programme and the school — nothing else).
    await q.query(`
      CREATE FUNCTION diploma_verification(code text)
      RETURNS TABLE (number text, graduated_on text, full_name text, programme_name text, school_name text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
      AS $$ SELECT d.number::text, d.graduated_on::text, t.full_name::text, p.name::text, s.name::text
              FROM diploma d JOIN trainee t ON t.id = d.trainee_id JOIN programme p ON p.id = d.programme_id
              JOIN organisation s ON s.id = p.school_id
             WHERE d.verification_code = code $$`);
    // The daily job that seals and carries out the retention schedule (one run at a time).
    await q.query(`SELECT pgboss.create_queue($1, $2::json)`, ['record-sealing', JSON.stringify({ policy: 'singleton' })]);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT pgboss.delete_queue($1)`, ['record-sealing']);
    await q.query(`DROP FUNCTION diploma_verification(text)`);
    await q.query(`DROP FUNCTION trainee_identity_sealed(text)`);
    await q.query(`DROP FUNCTION trainee_identity_hashes_taken(text[])`);
    await q.query(`DROP POLICY "trainee_unsealed" ON "trainee"`);
    await q.query(`ALTER TABLE "trainee" DISABLE ROW LEVEL SECURITY`);
    await q.query(`DROP INDEX "idx_trainee_sealable"`);
    await q.query(`DROP TABLE "record_seal"`);
    await q.query(`ALTER TABLE "trainee" DROP COLUMN "seal_exempt_until"`);
    await q.query(`ALTER TABLE "trainee" DROP COLUMN "sealed_at"`);
  }
}
