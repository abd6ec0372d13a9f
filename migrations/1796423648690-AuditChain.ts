import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tamper-evident audit trail. Every entry carries the SHA-256 of its own canonical text and the
 * hash of the entry before it (a chain, in `chain_seq` order): altering, deleting or inserting a row
 * anywhere breaks a link that `npm run audit:verify` finds.
 *
 * - The chain head lives in `audit_chain_head`, taken `FOR UPDATE` by the insert trigger, so
 *   concurrent writers line up (a writer in a stale snapshot fails loudly instead of forking it).
 * - Trigger and prune functions are SECURITY DEFINER (run as the owner, which runs migrations): the
 *   app's own database role needs no right on the head table and none to UPDATE or DELETE audit rows.
 * - Pruning (retention) goes only through `audit_log_prune`: it deletes from the start of the chain,
 *   never a row younger than 180 days, and records the last pruned hash as the new anchor.
 */
export class AuditChain1796423648690 implements MigrationInterface {
  name = 'AuditChain1796423648690';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_log" ADD "chain_seq" bigint, ADD "prev_hash" bytea, ADD "hash" bytea`);
    await q.query(`
      CREATE TABLE "audit_chain_head" (
        "id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
        "seq" bigint NOT NULL DEFAULT 0,
        "hash" bytea NOT NULL DEFAULT '\\x0000000000000000000000000000000000000000000000000000000000000000',
        "pruned_through_seq" bigint NOT NULL DEFAULT 0,
        "pruned_through_hash" bytea NOT NULL DEFAULT '\\x0000000000000000000000000000000000000000000000000000000000000000'
      )`);
    await q.query(`INSERT INTO "audit_chain_head" DEFAULT VALUES`);

    // The canonical text of an entry: every column but the hash itself, unit-separated, timestamps in
    // UTC with microseconds, JSON as jsonb prints it (keys sorted by jsonb). audit:verify rebuilds the
    // same text from the columns on its own.
    await q.query(`
      CREATE FUNCTION audit_log_canonical(r audit_log) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
        SELECT convert_to(concat_ws(chr(31),
          r.chain_seq::text, r.id::text, to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          coalesce(r.actor_id::text, ''), coalesce(r.actor_username, ''), coalesce(r.actor_role, ''),
          coalesce(r.actor_organisation_id::text, ''), r.action, coalesce(r.subject_type, ''), coalesce(r.subject_id, ''),
          r.result, coalesce(r.request_id, ''), coalesce(r.ip, ''), coalesce(r.detail::text, '')), 'UTF8')
      $$`);

    // Existing entries are chained in the order they were written.
    await q.query(`
      DO $$
      DECLARE r audit_log; prev bytea := '\\x0000000000000000000000000000000000000000000000000000000000000000'; n bigint := 0;
      BEGIN
        ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_append_only;
        FOR r IN SELECT * FROM audit_log ORDER BY occurred_at, id LOOP
          n := n + 1;
          r.chain_seq := n;
          r.prev_hash := prev;
          prev := sha256(prev || audit_log_canonical(r));
          UPDATE audit_log SET chain_seq = n, prev_hash = r.prev_hash, hash = prev WHERE id = r.id;
        END LOOP;
        ALTER TABLE audit_log ENABLE TRIGGER trg_audit_log_append_only;
        UPDATE audit_chain_head SET seq = n, hash = prev;
      END $$`);
    await q.query(`ALTER TABLE "audit_log" ALTER "chain_seq" SET NOT NULL, ALTER "prev_hash" SET NOT NULL, ALTER "hash" SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_audit_log_chain_seq" ON "audit_log" ("chain_seq")`);

    await q.query(`
      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE head audit_chain_head;
      BEGIN
        SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
        NEW.chain_seq := head.seq + 1;
        NEW.prev_hash := head.hash;
        NEW.hash := sha256(head.hash || audit_log_canonical(NEW));
        UPDATE audit_chain_head SET seq = NEW.chain_seq, hash = NEW.hash WHERE id = 1;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER trg_audit_log_chain BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);

    await q.query(`
      CREATE FUNCTION audit_log_prune(through_seq bigint, keep_days integer) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE last_row audit_log; deleted integer;
      BEGIN
        -- Only a prefix of the chain, and only rows past both the asked and the 180-day floor.
        SELECT * INTO last_row FROM audit_log
          WHERE chain_seq <= through_seq AND occurred_at < now() - make_interval(days => greatest(keep_days, 180))
          ORDER BY chain_seq DESC LIMIT 1;
        IF last_row.chain_seq IS NULL THEN RETURN 0; END IF;
        IF EXISTS (SELECT 1 FROM audit_log WHERE chain_seq < last_row.chain_seq
                   AND occurred_at >= now() - make_interval(days => greatest(keep_days, 180))) THEN
          RAISE EXCEPTION 'audit_log_prune: the rows up to % are not all past retention', last_row.chain_seq;
        END IF;
        PERFORM set_config('jbh.audit_prune', 'on', true);
        DELETE FROM audit_log WHERE chain_seq <= last_row.chain_seq;
        GET DIAGNOSTICS deleted = ROW_COUNT;
        PERFORM set_config('jbh.audit_prune', 'off', true);
        UPDATE audit_chain_head SET pruned_through_seq = last_row.chain_seq, pruned_through_hash = last_row.hash WHERE id = 1;
        RETURN deleted;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_log_prune(bigint, integer) FROM PUBLIC`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_log_prune(bigint, integer)`);
    await q.query(`DROP TRIGGER trg_audit_log_chain ON "audit_log"`);
    await q.query(`DROP FUNCTION audit_log_chain()`);
    await q.query(`DROP INDEX "uq_audit_log_chain_seq"`);
    await q.query(`DROP FUNCTION audit_log_canonical(audit_log)`);
    await q.query(`DROP TABLE "audit_chain_head"`);
    await q.query(`ALTER TABLE "audit_log" DROP "chain_seq", DROP "prev_hash", DROP "hash"`);
  }
}
