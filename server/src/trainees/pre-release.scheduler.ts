import { Injectable, Logger } from '@nestjs/common';
import { safeError } from '../common/logging';
import { JobQueue } from '../jobs/job-queue';
import { JobMetrics } from '../metrics/job-metrics.service';
import { TraineesService } from './trainees.service';

/**
 * Opens pre-release 30 days before each expected release date: hourly, on the job queue (pg-boss
 * cron; one run at a time across all processes, and openDuePreRelease keeps its own lock). Tests
 * call the service with a moved clock instead.
 */
@Injectable()
export class PreReleaseScheduler {
  private readonly logger = new Logger(PreReleaseScheduler.name);

  constructor(
    private readonly trainees: TraineesService,
    private readonly metrics: JobMetrics,
    queue: JobQueue,
  ) {
    metrics.declare('pre-release');
    queue.define({ name: 'pre-release', cron: '5 * * * *', handler: () => this.run() });
  }

  /** The job `pre-release`: throws when it fails (the queue records the failure). */
  async run(): Promise<void> {
    const opened = await this.metrics.track('pre-release', () => this.trainees.openDuePreRelease());
    if (opened?.length) this.logger.log(`pre-release opened for ${opened.length} trainee(s)`);
  }

  /** The job now, in this process, logging a failure instead of throwing. */
  async tick(): Promise<void> {
    await this.run().catch((e: unknown) => this.logger.error({ err: safeError(e) }, 'pre-release scheduler failed'));
  }
}
