import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../jobs/job-queue';
import { JobMetrics } from '../metrics/job-metrics.service';
import { SealingService } from './sealing.service';

/** Every night at 02:30: seal what is due and carry out the retention schedule (one run across all processes). */
@Injectable()
export class SealingScheduler {
  private readonly logger = new Logger(SealingScheduler.name);

  constructor(
    private readonly sealing: SealingService,
    private readonly metrics: JobMetrics,
    queue: JobQueue,
  ) {
    metrics.declare('record-sealing');
    queue.define({ name: 'record-sealing', cron: '30 2 * * *', handler: () => this.work() });
  }

  async work(): Promise<void> {
    const run = await this.metrics.track('record-sealing', () => this.sealing.run());
    this.logger.log({ sealed: run.sealed, retention: run.retention }, 'sealing and retention done');
  }
}
