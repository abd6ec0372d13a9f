import { Injectable, Logger } from '@nestjs/common';
import { safeError } from '../common/logging';
import { JobQueue } from '../jobs/job-queue';
import { JobMetrics } from '../metrics/job-metrics.service';
import { HousekeepingService } from './housekeeping.service';

const JOB = 'housekeeping';
/** The work is done once per this many hours; the job itself runs hourly and skips until then. */
const EVERY_HOURS = 6;

/**
 * Hourly, on the job queue (pg-boss cron; one run at a time across all processes, and the service
 * keeps its own lock): a housekeeping run, which does the work when none has succeeded in the last
 * 6 hours (the audit log is the shared memory). Tests call `tick()` or HousekeepingService.run().
 */
@Injectable()
export class HousekeepingScheduler {
  private readonly logger = new Logger(HousekeepingScheduler.name);

  constructor(
    private readonly housekeeping: HousekeepingService,
    private readonly metrics: JobMetrics,
    queue: JobQueue,
  ) {
    metrics.declare(JOB);
    // A first run over years of history deletes in batches: give it an hour before pg-boss gives up.
    queue.define({ name: JOB, cron: '30 * * * *', expireInMinutes: 60, handler: () => this.run() });
  }

  /** The job `housekeeping`: throws when it fails (the queue records the failure). */
  async run(): Promise<void> {
    const r = await this.metrics.track(JOB, () => this.housekeeping.run({ unlessRanWithinHours: EVERY_HOURS }));
    if (r.ran) {
      this.logger.log(`housekeeping: deleted ${r.refreshSessionsDeleted} refresh session(s), ${r.auditEntriesDeleted} audit entry(ies)`);
    }
  }

  /** The job now, in this process, logging a failure instead of throwing. */
  async tick(): Promise<void> {
    await this.run().catch((e: unknown) => this.logger.error({ err: safeError(e) }, 'housekeeping failed'));
  }
}
