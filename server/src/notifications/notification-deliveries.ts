import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { JobQueue, type RetryPolicy } from '../jobs/job-queue';
import { JobMetrics } from '../metrics/job-metrics.service';
import { DeliveryDeferred, NOTIFICATION_TRANSPORTS, type NotificationTransport } from './notification-transport';
import { NotificationsRepository } from './notifications.repository';
import { TRANSPORT_TEXT } from './trainee-notice-text';

const DELIVERY = 'notification-delivery';
const DEAD_LETTER = 'notification-delivery-failed';

/** A delivery job's payload: ids and a transport's name only. */
export interface DeliveryJob {
  notificationId: string;
  transport: string;
  /** `Delivery.params` as JSON (dates, times, division codes for an SMS template), when the producer gave any. */
  params?: string;
}

/**
 * Delivery of notices beyond the inbox, on the job queue: one job per notice and transport, sent in
 * the event's transaction (so a rolled-back event sends nothing, and a committed one is not lost when
 * the process dies), worked by whichever process is free, retried with exponential back-off
 * (NOTIFICATION_RETRY_LIMIT, NOTIFICATION_RETRY_SECONDS). A delivery that used up its retries
 * stays listed as failed for the administrator (GET /api/jobs/failed) and a copy goes to the
 * dead-letter queue, whose worker counts it (`app_job_runs_total{job="notification-delivery-failed"}`).
 * The job's state in `pgboss.job` is the delivery's status.
 */
@Injectable()
export class NotificationDeliveries {
  private readonly logger = new Logger('NotificationDelivery');

  constructor(
    private readonly queue: JobQueue,
    private readonly notices: NotificationsRepository,
    @Inject(NOTIFICATION_TRANSPORTS) private readonly transports: NotificationTransport[],
    private readonly metrics: JobMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    metrics.declare(DELIVERY);
    metrics.declare(DEAD_LETTER);
    queue.define<DeliveryJob>({ name: DELIVERY, workers: 3, handler: (job) => this.deliver(job) });
    queue.define<DeliveryJob>({ name: DEAD_LETTER, handler: (job) => this.gaveUp(job) });
  }

  /** False with JOBS_ENABLED=false: the notice is then handed to the transports at once, in the transaction. */
  get queued(): boolean {
    return this.queue.enabled;
  }

  /** In the event's transaction: one delivery job per transport. */
  async enqueue(notificationId: string, m: EntityManager, params?: Record<string, string>): Promise<void> {
    for (const t of this.transports) {
      const job: DeliveryJob = { notificationId, transport: t.name, ...(params ? { params: JSON.stringify(params) } : {}) };
      await this.queue.send(
        DELIVERY,
        { ...job },
        {
          retryLimit: this.config.notificationRetryLimit,
          retryDelay: this.config.notificationRetryDelaySeconds,
          retryBackoff: true,
          deadLetter: DEAD_LETTER,
        },
        m,
      );
    }
  }

  /** The job: the neutral line through the named transport. Throws (so pg-boss retries) when the transport fails. */
  async deliver(job: DeliveryJob): Promise<void> {
    await this.metrics.track(DELIVERY, async () => {
      const transport = this.transports.find((t) => t.name === job.transport);
      if (!transport) throw new Error(`no notification transport named ${job.transport} in this process`);
      const notice = await this.notices.deliveryTarget(job.notificationId);
      if (!notice) return;
      try {
        await transport.deliver({
          userId: notice.userId,
          kind: notice.kind,
          titleZh: TRANSPORT_TEXT.zh,
          titleEn: TRANSPORT_TEXT.en,
          link: notice.link,
          notificationId: notice.id,
          ...(job.params ? { params: JSON.parse(job.params) as Record<string, string> } : {}),
        });
      } catch (e) {
        if (!(e instanceof DeliveryDeferred)) throw e;
        await this.deferred(job, e.until);
      }
    });
  }

  /**
   * A transport said "not now" (SMS in quiet hours): the same job again, starting at `until`, with its
   * retries intact; this attempt completes.
   */
  private async deferred(job: DeliveryJob, until: Date): Promise<void> {
    const later: RetryPolicy = {
      retryLimit: this.config.notificationRetryLimit,
      retryDelay: this.config.notificationRetryDelaySeconds,
      retryBackoff: true,
      deadLetter: DEAD_LETTER,
      startAfter: until,
    };
    await this.queue.send(DELIVERY, { ...job }, later);
  }

  /** The dead-letter queue's worker: says so (ids only) and counts it; the failed job stays listed for a retry. */
  async gaveUp(job: DeliveryJob): Promise<void> {
    await this.metrics.track(DEAD_LETTER, () => {
      this.logger.warn({ notificationId: job.notificationId, transport: job.transport }, 'notification delivery gave up after its retries');
      return Promise.resolve();
    });
  }
}
