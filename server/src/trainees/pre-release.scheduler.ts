import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { safeError } from '../common/logging';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { JobMetrics } from '../metrics/job-metrics.service';
import { TraineesService } from './trainees.service';

/**
 * Opens pre-release 30 days before each expected release date: shortly after start, then hourly.
 * Every API process runs it; the advisory lock in openDuePreRelease lets one of them do the work.
 * Not started in tests, which call the service with a moved clock instead.
 */
@Injectable()
export class PreReleaseScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PreReleaseScheduler.name);
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly trainees: TraineesService,
    private readonly jobs: JobMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    jobs.declare('pre-release');
  }

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'test') return;
    this.timers.push(setTimeout(() => void this.tick(), 5_000).unref(), setInterval(() => void this.tick(), 3_600_000).unref());
  }

  onApplicationShutdown(): void {
    for (const t of this.timers) clearTimeout(t);
  }

  async tick(): Promise<void> {
    try {
      const opened = await this.jobs.track('pre-release', () => this.trainees.openDuePreRelease());
      if (opened?.length) this.logger.log(`pre-release opened for ${opened.length} trainee(s)`);
    } catch (e) {
      this.logger.error({ err: safeError(e) }, 'pre-release scheduler failed');
    }
  }
}
