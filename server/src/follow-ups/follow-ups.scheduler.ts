import { Injectable, Logger } from '@nestjs/common';
import { safeError } from '../common/logging';
import { JobQueue } from '../jobs/job-queue';
import { JobMetrics } from '../metrics/job-metrics.service';
import { FollowUpsService } from './follow-ups.service';

/**
 * Hourly, on the job queue (pg-boss cron; one run at a time across all processes): reminds of the
 * visits due today and escalates overdue ones. Two jobs, so each fails (and is counted) on its own;
 * each notice is deduplicated per visit, so a repeated run is harmless. Tests call `tick()`.
 */
@Injectable()
export class FollowUpsScheduler {
  private readonly logger = new Logger(FollowUpsScheduler.name);

  constructor(
    private readonly followUps: FollowUpsService,
    private readonly metrics: JobMetrics,
    queue: JobQueue,
  ) {
    metrics.declare('follow-up-reminders');
    metrics.declare('follow-up-escalation');
    queue.define({ name: 'follow-up-reminders', cron: '15 * * * *', handler: () => this.remind() });
    queue.define({ name: 'follow-up-escalation', cron: '15 * * * *', handler: () => this.escalate() });
  }

  /** The job `follow-up-reminders`: throws when it fails (the queue records the failure). */
  async remind(): Promise<void> {
    const due = await this.metrics.track('follow-up-reminders', () => this.followUps.remindDueToday());
    if (due) this.logger.log(`${due} follow-up visit(s) due today`);
  }

  /** The job `follow-up-escalation`. */
  async escalate(): Promise<void> {
    const n = await this.metrics.track('follow-up-escalation', () => this.followUps.escalateOverdue());
    if (n) this.logger.log(`escalated ${n} overdue follow-up visit(s)`);
  }

  /** Both jobs now, in this process, logging a failure instead of throwing. */
  async tick(): Promise<void> {
    await this.remind().catch((e: unknown) => this.logger.error({ err: safeError(e) }, 'follow-up due reminders failed'));
    await this.escalate().catch((e: unknown) => this.logger.error({ err: safeError(e) }, 'follow-up escalation failed'));
  }
}
