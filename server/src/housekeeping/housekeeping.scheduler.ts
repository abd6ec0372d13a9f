import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { safeError } from '../common/logging';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { JobMetrics } from '../metrics/job-metrics.service';
import { HousekeepingService } from './housekeeping.service';

const JOB = 'housekeeping';
/** The work is done once per this many hours across all processes; the timer only asks hourly. */
const EVERY_HOURS = 6;

/**
 * Shortly after start, then hourly, asks for a housekeeping run; it does the work when none has
 * succeeded in the last 6 hours (every process asks; an advisory lock lets one work). Not in
 * tests: they call HousekeepingService.run().
 */
@Injectable()
export class HousekeepingScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HousekeepingScheduler.name);
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly housekeeping: HousekeepingService,
    private readonly jobs: JobMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    jobs.declare(JOB);
  }

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'test') return;
    this.timers.push(setTimeout(() => void this.tick(), 60_000).unref(), setInterval(() => void this.tick(), 3_600_000).unref());
  }

  onApplicationShutdown(): void {
    for (const t of this.timers) clearTimeout(t);
  }

  async tick(): Promise<void> {
    try {
      const r = await this.jobs.track(JOB, () => this.housekeeping.run({ unlessRanWithinHours: EVERY_HOURS }));
      if (r.ran) {
        this.logger.log(`housekeeping: deleted ${r.refreshSessionsDeleted} refresh session(s), ${r.auditEntriesDeleted} audit entry(ies)`);
      }
    } catch (e) {
      this.logger.error({ err: safeError(e) }, 'housekeeping failed');
    }
  }
}
