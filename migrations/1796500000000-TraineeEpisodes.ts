import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Episodes (入所经历): one person, many admissions. `trainee` keeps one identity record and, in its
 * admitted_on / expected_release_on / released_on columns, the current episode; `trainee_episode` keeps
 * every episode. Two triggers keep the table in step with those columns, so that every writer of
 * `trainee` (the form, the Excel import, the handover, the demo loader, benchmarks' bulk loads) keeps it
 * without knowing of it: a new trainee opens episode 1; a change of the current dates is copied onto
 * the open episode (the one not yet released, else the latest). A re-admission is the one explicit
 * step: the service inserts episode n+1 before moving the trainee back in.
 *
 * Follow-up visits now belong to an episode: the schedule made at a release is that release's, so a
 * second release gets its own +1 … +36 month visits instead of colliding with the first's
 * (`uq_follow_up_trainee_month` silently kept the old ones).
 */
export class TraineeEpisodes1796500000000 implements MigrationInterface {
  name = 'TraineeEpisodes1796500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "trainee_episode" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "trainee_id" uuid NOT NULL,
        "number" smallint NOT NULL,
        "facility_id" uuid,
        "admitted_on" date NOT NULL,
        "expected_release_on" date NOT NULL,
        "released_on" date,
        "reason" character varying(12) NOT NULL DEFAULT 'first',
        "opened_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_trainee_episode_number" CHECK ("number" >= 1),
        CONSTRAINT "chk_trainee_episode_reason" CHECK ("reason" IN ('first','relapse','violation','other')),
        CONSTRAINT "chk_trainee_episode_dates" CHECK ("released_on" IS NULL OR "released_on" >= "admitted_on"),
        CONSTRAINT "pk_trainee_episode" PRIMARY KEY ("id"),
        CONSTRAINT "fk_trainee_episode_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_trainee_episode_facility" FOREIGN KEY ("facility_id") REFERENCES "organisation"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_trainee_episode_opened_by" FOREIGN KEY ("opened_by") REFERENCES "app_user"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_trainee_episode_number" ON "trainee_episode" ("trainee_id", "number")`);
    // At most one episode is open (not yet released): the one a re-admission may not duplicate.
    await q.query(`CREATE UNIQUE INDEX "uq_trainee_episode_open" ON "trainee_episode" ("trainee_id") WHERE "released_on" IS NULL`);

    // Backfill: one episode per person. The facility is the one that handed them over when there is a
    // completed handover, else the organisation holding them if it is a facility (else unknown).
    await q.query(`
      INSERT INTO trainee_episode (trainee_id, number, facility_id, admitted_on, expected_release_on, released_on, reason, opened_by, created_at)
      SELECT t.id, 1,
        COALESCE(
          (SELECT h.from_organisation_id FROM handover h WHERE h.trainee_id = t.id AND h.state = 'completed' ORDER BY h.completed_at DESC LIMIT 1),
          (SELECT o.id FROM organisation o WHERE o.id = t.organisation_id AND o.type = 'facility')),
        t.admitted_on, t.expected_release_on, GREATEST(t.released_on, t.admitted_on), 'first', t.created_by, t.created_at
      FROM trainee t`);

    await q.query(`
      CREATE FUNCTION trainee_episode_open_first() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO trainee_episode (trainee_id, number, facility_id, admitted_on, expected_release_on, released_on, reason, opened_by)
        VALUES (NEW.id, 1, (SELECT o.id FROM organisation o WHERE o.id = NEW.organisation_id AND o.type = 'facility'),
                NEW.admitted_on, NEW.expected_release_on, NEW.released_on, 'first', NEW.created_by);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_trainee_episode_open_first AFTER INSERT ON trainee
      FOR EACH ROW EXECUTE FUNCTION trainee_episode_open_first()`);
    await q.query(`
      CREATE FUNCTION trainee_episode_follow_current() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE trainee_episode e
           SET admitted_on = NEW.admitted_on, expected_release_on = NEW.expected_release_on, released_on = NEW.released_on
         WHERE e.id = (SELECT c.id FROM trainee_episode c WHERE c.trainee_id = NEW.id ORDER BY (c.released_on IS NULL) DESC, c.number DESC LIMIT 1);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_trainee_episode_follow_current AFTER UPDATE OF admitted_on, expected_release_on, released_on ON trainee
      FOR EACH ROW WHEN ((OLD.admitted_on, OLD.expected_release_on, OLD.released_on) IS DISTINCT FROM (NEW.admitted_on, NEW.expected_release_on, NEW.released_on))
      EXECUTE FUNCTION trainee_episode_follow_current()`);

    await q.query(`ALTER TABLE "follow_up_visit" ADD "episode_id" uuid`);
    await q.query(`UPDATE follow_up_visit v SET episode_id = e.id FROM trainee_episode e WHERE e.trainee_id = v.trainee_id AND e.number = 1`);
    await q.query(`ALTER TABLE "follow_up_visit" ALTER COLUMN "episode_id" SET NOT NULL`);
    await q.query(
      `ALTER TABLE "follow_up_visit" ADD CONSTRAINT "fk_follow_up_episode" FOREIGN KEY ("episode_id") REFERENCES "trainee_episode"("id") ON DELETE CASCADE`,
    );
    // A visit written without its episode (a bulk load, a test factory) belongs to the person's latest one.
    await q.query(`
      CREATE FUNCTION follow_up_visit_episode() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.episode_id IS NULL THEN
          NEW.episode_id := (SELECT e.id FROM trainee_episode e WHERE e.trainee_id = NEW.trainee_id ORDER BY e.number DESC LIMIT 1);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_follow_up_visit_episode BEFORE INSERT ON follow_up_visit
      FOR EACH ROW EXECUTE FUNCTION follow_up_visit_episode()`);
    await q.query(`DROP INDEX "uq_follow_up_trainee_month"`);
    await q.query(`CREATE UNIQUE INDEX "uq_follow_up_episode_month" ON "follow_up_visit" ("episode_id", "months_after")`);
    await q.query(`CREATE INDEX "idx_follow_up_trainee" ON "follow_up_visit" ("trainee_id")`);

    // The outcome table counts releases: one row per released episode, with re-admission within 1, 2
    // and 3 years of that release beside the abstinence of the same years. Until now everyone had one
    // episode, so each row is its person's first episode's.
    await q.query(`ALTER TABLE "trainee_outcome" ADD "episode_id" uuid`);
    await q.query(`UPDATE trainee_outcome o SET episode_id = e.id FROM trainee_episode e WHERE e.trainee_id = o.trainee_id AND e.number = 1`);
    await q.query(`ALTER TABLE "trainee_outcome" ALTER COLUMN "episode_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "trainee_outcome" DROP CONSTRAINT "pk_trainee_outcome"`);
    await q.query(`ALTER TABLE "trainee_outcome" ADD CONSTRAINT "pk_trainee_outcome" PRIMARY KEY ("episode_id")`);
    await q.query(
      `ALTER TABLE "trainee_outcome" ADD CONSTRAINT "fk_trainee_outcome_episode" FOREIGN KEY ("episode_id") REFERENCES "trainee_episode"("id") ON DELETE CASCADE`,
    );
    await q.query(`CREATE INDEX "idx_trainee_outcome_trainee" ON "trainee_outcome" ("trainee_id")`);
    for (const y of [1, 2, 3]) {
      await q.query(`ALTER TABLE "trainee_outcome" ADD "readmitted_${y}" boolean NOT NULL DEFAULT false`);
      await q.query(`ALTER TABLE "trainee_outcome_daily" ADD "readmitted_${y}" integer NOT NULL DEFAULT 0`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const y of [1, 2, 3]) {
      await q.query(`ALTER TABLE "trainee_outcome_daily" DROP COLUMN "readmitted_${y}"`);
      await q.query(`ALTER TABLE "trainee_outcome" DROP COLUMN "readmitted_${y}"`);
    }
    await q.query(`DROP INDEX "idx_trainee_outcome_trainee"`);
    await q.query(`ALTER TABLE "trainee_outcome" DROP CONSTRAINT "fk_trainee_outcome_episode"`);
    // Back to one row per person: the latest release's (the daily sums are rebuilt by outcomes:rebuild).
    await q.query(
      `DELETE FROM trainee_outcome o USING trainee_outcome n WHERE n.trainee_id = o.trainee_id AND n.released_on > o.released_on`,
    );
    await q.query(`ALTER TABLE "trainee_outcome" DROP CONSTRAINT "pk_trainee_outcome"`);
    await q.query(`ALTER TABLE "trainee_outcome" ADD CONSTRAINT "pk_trainee_outcome" PRIMARY KEY ("trainee_id")`);
    await q.query(`ALTER TABLE "trainee_outcome" DROP COLUMN "episode_id"`);
    await q.query(`DROP INDEX "idx_follow_up_trainee"`);
    await q.query(`DROP INDEX "uq_follow_up_episode_month"`);
    // Only the first release's schedule fits the old key.
    await q.query(`DELETE FROM follow_up_visit v USING trainee_episode e WHERE e.id = v.episode_id AND e.number > 1`);
    await q.query(`CREATE UNIQUE INDEX "uq_follow_up_trainee_month" ON "follow_up_visit" ("trainee_id", "months_after")`);
    await q.query(`DROP TRIGGER trg_follow_up_visit_episode ON follow_up_visit`);
    await q.query(`DROP FUNCTION follow_up_visit_episode()`);
    await q.query(`ALTER TABLE "follow_up_visit" DROP CONSTRAINT "fk_follow_up_episode"`);
    await q.query(`ALTER TABLE "follow_up_visit" DROP COLUMN "episode_id"`);
    await q.query(`DROP TRIGGER trg_trainee_episode_follow_current ON trainee`);
    await q.query(`DROP FUNCTION trainee_episode_follow_current()`);
    await q.query(`DROP TRIGGER trg_trainee_episode_open_first ON trainee`);
    await q.query(`DROP FUNCTION trainee_episode_open_first()`);
    await q.query(`DROP TABLE "trainee_episode"`);
  }
}
