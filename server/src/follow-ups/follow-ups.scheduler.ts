import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { safeError } from '../common/logging';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { JobMetrics } from '../metrics/job-metrics.service';
import { FollowUpsService } from './follow-ups.service';

/**
 * Hourly: reminds of the visits due today and escalates overdue ones (every process runs it; an
 * advisory lock lets one do the work; each notice is deduplicated per visit). Not in tests.
 */
@Injectable()
export class FollowUpsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FollowUpsScheduler.name);
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly followUps: FollowUpsService,
    private readonly jobs: JobMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Two jobs in one tick: each fails (and is counted) on its own.
    jobs.declare('follow-up-reminders');
    jobs.declare('follow-up-escalation');
  }

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'test') return;
    this.timers.push(setTimeout(() => void this.tick(), 15_000).unref(), setInterval(() => void this.tick(), 3_600_000).unref());
  }

  onApplicationShutdown(): void {
    for (const t of this.timers) clearTimeout(t);
  }

  async tick(): Promise<void> {
    try {
      const due = await this.jobs.track('follow-up-reminders', () => this.followUps.remindDueToday());
      if (due) this.logger.log(`${due} follow-up visit(s) due today`);
    } catch (e) {
      this.logger.error({ err: safeError(e) }, 'follow-up due reminders failed');
    }
    try {
      const n = await this.jobs.track('follow-up-escalation', () => this.followUps.escalateOverdue());
      if (n) this.logger.log(`escalated ${n} overdue follow-up visit(s)`);
    } catch (e) {
      this.logger.error({ err: safeError(e) }, 'follow-up escalation failed');
    }
  }
}
