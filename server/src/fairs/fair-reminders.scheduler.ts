import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { safeError } from '../common/logging';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { JobMetrics } from '../metrics/job-metrics.service';
import { NotificationsService } from '../notifications/notifications.service';
import { FairsRepository, type ReminderRow } from './fairs.repository';

/** The reminder's words. Both name the city only: a venue is a facility or a station, and says too much. */
function reminderText(r: ReminderRow): { zh: string; en: string } {
  return r.audience === 'trainee'
    ? {
        zh: `明天（${r.fair_date}）${r.starts_at} 开始：招聘会“${r.title}”在${r.city_name}举行，请带好签到码`,
        en: `Tomorrow (${r.fair_date}) from ${r.starts_at}: the job fair “${r.title}” in ${r.city_name}. Bring your check-in code`,
      }
    : {
        zh: `明天（${r.fair_date}）${r.starts_at} 开始：招聘会“${r.title}”（${r.city_name}），贵单位的展位已确认，请准时到场`,
        en: `Tomorrow (${r.fair_date}) from ${r.starts_at}: the job fair “${r.title}” (${r.city_name}); your booth is confirmed`,
      };
}

/**
 * The day before a fair, reminds each registered trainee and each employer with an approved booth,
 * once (the dedupe key is the fair). Runs hourly, so someone registered late that day still hears;
 * every process runs it and an advisory lock lets one do the work. Not in tests: they call `run()`.
 */
@Injectable()
export class FairRemindersScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FairRemindersScheduler.name);
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly fairs: FairsRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly jobs: JobMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    jobs.declare('fair-reminders');
  }

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'test') return;
    this.timers.push(setTimeout(() => void this.tick(), 20_000).unref(), setInterval(() => void this.tick(), 3_600_000).unref());
  }

  onApplicationShutdown(): void {
    for (const t of this.timers) clearTimeout(t);
  }

  async tick(): Promise<void> {
    try {
      const n = await this.jobs.track('fair-reminders', () => this.run());
      if (n) this.logger.log(`${n} account(s) to remind of tomorrow's fair(s)`);
    } catch (e) {
      this.logger.error({ err: safeError(e) }, 'fair reminders failed');
    }
  }

  /** Reminds of the fairs held tomorrow (by the Clock, China time); returns how many accounts are concerned. */
  async run(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = await m.query<[{ locked: boolean }]>(`SELECT pg_try_advisory_xact_lock(hashtext('fair-reminders')) AS locked`);
      if (!locked) return 0;
      const rows = await this.fairs.reminderRecipients(m, this.clock.today());
      for (const r of rows) {
        const text = reminderText(r);
        await this.notifications.notify(
          {
            userId: r.user_id,
            kind: 'fair.reminder',
            titleZh: text.zh,
            titleEn: text.en,
            link: `/fairs/${r.fair_id}`,
            dedupeKey: `fair.reminder:${r.fair_id}`,
          },
          m,
        );
      }
      return rows.length;
    });
  }
}
