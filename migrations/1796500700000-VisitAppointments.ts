import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders for the person: a time a station counsellor booked with them for a planned visit
 * (`follow_up_visit.appointment_at`), and the queue of the daily job that reminds a trainee of their
 * own plan steps due tomorrow (`plan-reminders`). Only the schema's owner may make a pg-boss queue,
 * hence here (see JobQueue1796433143397).
 */
export class VisitAppointments1796500700000 implements MigrationInterface {
  name = 'VisitAppointments1796500700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "follow_up_visit" ADD "appointment_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`SELECT pgboss.create_queue($1, $2::json)`, ['plan-reminders', JSON.stringify({ policy: 'singleton' })]);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT pgboss.delete_queue($1)`, ['plan-reminders']);
    await q.query(`ALTER TABLE "follow_up_visit" DROP COLUMN "appointment_at"`);
  }
}
