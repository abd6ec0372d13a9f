/**
 * The app's job queues. Each exists in the database because a migration made it (`pgboss.create_queue`
 * is the owner's: see migrations/…-JobQueue.ts); a new one here needs a migration too.
 */
export const JOB_QUEUES = [
  // Scheduled, one at a time across all processes (pg-boss policy `singleton`).
  'pre-release',
  'follow-up-reminders',
  'follow-up-escalation',
  'fair-reminders',
  'housekeeping',
  'record-sealing',
  'plan-reminders',
  // A notice's delivery through one transport, retried with back-off; then parked in the dead-letter queue.
  'notification-delivery',
  'notification-delivery-failed',
] as const;

export type JobName = (typeof JOB_QUEUES)[number];

/** pg-boss's schema (made by the migration; pg-boss is started with `migrate: false`). */
export const JOBS_SCHEMA = 'pgboss';
