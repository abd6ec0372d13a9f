import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { safeError } from '../common/logging';
import { JobQueue } from '../jobs/job-queue';
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
 * once (the dedupe key is the fair). Hourly, on the job queue (pg-boss cron; one run at a time across
 * all processes), so someone registered late that day still hears. Tests call `run()`.
 */
@Injectable()
export class FairRemindersScheduler {
  private readonly logger = new Logger(FairRemindersScheduler.name);

  constructor(
    private readonly fairs: FairsRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly metrics: JobMetrics,
    queue: JobQueue,
  ) {
    metrics.declare('fair-reminders');
    queue.define({ name: 'fair-reminders', cron: '20 * * * *', handler: () => this.remind() });
  }

  /** The job `fair-reminders`: throws when it fails (the queue records the failure). */
  async remind(): Promise<void> {
    const n = await this.metrics.track('fair-reminders', () => this.run());
    if (n) this.logger.log(`${n} account(s) to remind of tomorrow's fair(s)`);
  }

  /** The job now, in this process, logging a failure instead of throwing. */
  async tick(): Promise<void> {
    await this.remind().catch((e: unknown) => this.logger.error({ err: safeError(e) }, 'fair reminders failed'));
  }

  /**
   * Reminds of the fairs held tomorrow (by the Clock, China time); returns how many accounts are
   * concerned. Run twice, it reminds no one twice: each reminder's dedupe key is its fair.
   */
  async run(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
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
            // The SMS names the day and the city only, never the venue.
            smsParams: { date: r.fair_date, divisionCode: r.division_code },
          },
          m,
        );
      }
      return rows.length;
    });
  }
}
