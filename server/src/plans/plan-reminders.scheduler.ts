import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { safeError } from '../common/logging';
import { JobQueue } from '../jobs/job-queue';
import type { JobName } from '../jobs/job-names';
import { JobMetrics } from '../metrics/job-metrics.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PlansRepository } from './plans.repository';

/** The queue's name (made by migration VisitAppointments1796500700000). */
const JOB: JobName = 'plan-reminders';

/** The calendar day after `day` (both `YYYY-MM-DD`). */
function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The day before one of a trainee's OWN plan steps is due, reminds them of it (the steps staff own are
 * staff's business), once per step and due date: a step moved to another day is reminded again.
 * Daily at 08:10 China time (after quiet hours end, so the SMS goes at once), on the job queue
 * (pg-boss cron; one run at a time across all processes). Tests call `run()`.
 *
 * What the person reads is the fixed text of `plan.step_due` (trainee-notice-text.ts), never the
 * step's title (staff may have written it), and the SMS names only the date.
 */
@Injectable()
export class PlanRemindersScheduler {
  private readonly logger = new Logger(PlanRemindersScheduler.name);

  constructor(
    private readonly plans: PlansRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly metrics: JobMetrics,
    queue: JobQueue,
  ) {
    metrics.declare(JOB);
    queue.define({ name: JOB, cron: '10 8 * * *', handler: () => this.remind() });
  }

  /** The job `plan-reminders`: throws when it fails (the queue records the failure). */
  async remind(): Promise<void> {
    const n = await this.metrics.track(JOB, () => this.run());
    if (n) this.logger.log(`${n} plan step(s) due tomorrow reminded`);
  }

  /** The job now, in this process, logging a failure instead of throwing. */
  async tick(): Promise<void> {
    await this.remind().catch((e: unknown) => this.logger.error({ err: safeError(e) }, 'plan reminders failed'));
  }

  /**
   * Reminds of the trainees' own open steps due tomorrow (by the Clock, China time); returns how many
   * steps. Run twice, it reminds no one twice: the dedupe key is the step and its due date.
   */
  async run(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = await this.plans.stepsDueOn(dayAfter(this.clock.today()), m);
      for (const r of rows)
        await this.notifications.notify(
          {
            userId: r.user_id,
            kind: 'plan.step_due',
            // Only staff would read these words; a trainee reads the kind's fixed text.
            titleZh: `计划中的一项事情将于 ${r.due_on} 到期`,
            titleEn: `A step of the plan is due on ${r.due_on}`,
            link: '/me/plan',
            dedupeKey: `plan.step_due:${r.action_id}:${r.due_on}`,
            smsParams: { date: r.due_on },
          },
          m,
        );
      return rows.length;
    });
  }
}
