import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { ReferenceService } from '../../reference/reference.service';
import { type Delivery, DeliveryDeferred, type NotificationTransport } from '../notification-transport';
import { quietUntil } from '../sms/quiet-hours';
import { templateFor } from '../sms/sms-templates';
import { WechatApiError, type WechatClient } from './wechat-client';
import { wechatNotice } from './wechat-templates';
import { WechatRepository, type WechatDeliveryRow, type WechatOutcome } from './wechat.repository';

/** WeChat's client (null unless WECHAT_PROVIDER=official). */
export const WECHAT_CLIENT = Symbol('WECHAT_CLIENT');

/** WeChat's errcode for a person who has not subscribed to the template, or turned its notices off. */
export const WECHAT_REFUSED = '43101';

/**
 * Reminders as WeChat subscription notices (服务号订阅通知), beside SMS and built the same way: only
 * the reminder kinds (the SMS templates' kinds, parameters and controlled vocabulary: dates, times,
 * city names), only to users who bound their WeChat (`unbound` recorded otherwise), never between
 * 21:00 and 08:00 China time (deferred as for SMS). 43101 — the person has not subscribed or turned
 * the notices off — is recorded as `refused` and not retried: asking WeChat again will not change it.
 * From the queue a failure WeChat may get over is thrown (retried with back-off); in an event's
 * transaction (no notice id) nothing is thrown. Neither the openid nor the values are logged or stored.
 */
@Injectable()
export class WechatTransport implements NotificationTransport {
  readonly name = 'wechat';
  private readonly logger = new Logger('WechatTransport');
  private cities: Map<string, string> | undefined;

  constructor(
    @Inject(WECHAT_CLIENT) private readonly client: WechatClient | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly wechat: WechatRepository,
    private readonly clock: Clock,
    private readonly reference: ReferenceService,
  ) {}

  async deliver(d: Delivery): Promise<void> {
    if (!templateFor(d.kind)) return;
    const queued = d.notificationId !== undefined;
    try {
      await this.send(d, queued);
    } catch (e) {
      if (queued) throw e;
      this.logger.warn({ userId: d.userId, kind: d.kind, err: e instanceof WechatApiError ? e.code : 'error' }, 'WeChat notice not sent');
    }
  }

  private async send(d: Delivery, queued: boolean): Promise<void> {
    const official = this.config.wechat.official;
    const cities = await this.cityNames();
    const templates = official?.templates;
    const notice = templates ? wechatNotice(d.kind, d.params, (code) => cities.get(code), this.clock.today(), templates) : undefined;
    const row = await this.wechat.start(d.userId, d.notificationId ?? null, notice?.key ?? templateFor(d.kind)!.key);
    // Sent before and the job ran again (a crash between the send and the job's completion), or
    // refused by the person: once is enough.
    if (row.status === 'sent' || row.status === 'refused') return;
    const binding = await this.wechat.bindingOf(d.userId);
    if (!binding) return this.finish(row, { status: 'unbound' });
    const until = quietUntil(this.clock.now());
    if (until) {
      await this.finish(row, { status: 'deferred', notBefore: until });
      if (queued) throw new DeliveryDeferred(until);
      return;
    }
    if (!this.client || !official || !notice) return this.finish(row, { status: 'failed', errorCode: 'NOT_CONFIGURED' });
    try {
      await this.client.sendSubscribe({
        touser: binding.openid,
        templateId: official.templates[notice.key].id,
        ...(official.noticeUrl ? { page: official.noticeUrl } : {}),
        data: notice.data,
      });
      await this.finish(row, { status: 'sent' });
    } catch (e) {
      const error = e instanceof WechatApiError ? e : new WechatApiError('UNKNOWN', true);
      if (error.code === WECHAT_REFUSED) return this.finish(row, { status: 'refused', errorCode: error.code });
      await this.finish(row, { status: 'failed', errorCode: error.code });
      if (error.retryable) throw error;
    }
  }

  private async finish(row: WechatDeliveryRow, outcome: WechatOutcome): Promise<void> {
    await this.wechat.finish(row.id, outcome);
  }

  /** Division code → name, read once: the reference data changes only with a release. */
  private async cityNames(): Promise<Map<string, string>> {
    this.cities ??= new Map((await this.reference.divisions()).map((d) => [d.code, d.name]));
    return this.cities;
  }
}
