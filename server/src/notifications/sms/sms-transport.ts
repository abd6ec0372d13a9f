import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { ReferenceService } from '../../reference/reference.service';
import { type Delivery, DeliveryDeferred, type NotificationTransport } from '../notification-transport';
import { normalisePhone, e164 } from './phone';
import { quietUntil } from './quiet-hours';
import { SMS_TEMPLATES, type SmsTemplate, fillParams, templateFor } from './sms-templates';
import { SmsRepository, type SmsDeliveryRow, type SmsOutcome } from './sms.repository';
import { type SendSmsRequest, SmsSendError } from './tencent-sms-client';

/** What sends one message (Tencent's client; a test may provide another). Throws `SmsSendError`. */
export interface SmsSender {
  send(req: SendSmsRequest): Promise<string>;
}

export const SMS_SENDER = Symbol('SMS_SENDER');

/**
 * Reminders by SMS. Only the kinds with a template (`sms-templates.ts`) go out, in the template's
 * fixed neutral words — not the inbox titles — with dates, times and city names as parameters. Skipped
 * (and recorded as such in `sms_delivery`) for users without a mainland mobile number and for numbers
 * that opted out. Between 21:00 and 08:00 China time nothing is sent: from the queue the delivery is
 * deferred to 08:00 (`DeliveryDeferred`); called in an event's transaction (JOBS_ENABLED=false, no
 * notice id) it never throws — a failed SMS must not undo the event — and a night-time reminder is
 * only recorded as deferred. Neither the number nor the text is logged or stored.
 */
@Injectable()
export class SmsTransport implements NotificationTransport {
  readonly name = 'sms';
  private readonly logger = new Logger('SmsTransport');
  private cities: Map<string, string> | undefined;

  constructor(
    @Inject(SMS_SENDER) private readonly sender: SmsSender | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sms: SmsRepository,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly reference: ReferenceService,
  ) {}

  async deliver(d: Delivery): Promise<void> {
    const template = templateFor(d.kind);
    if (!template) return;
    const queued = d.notificationId !== undefined;
    try {
      await this.send(d, template, queued);
    } catch (e) {
      if (queued) throw e;
      this.logger.warn({ userId: d.userId, kind: d.kind, err: e instanceof SmsSendError ? e.code : 'error' }, 'SMS not sent');
    }
  }

  private async send(d: Delivery, template: SmsTemplate, queued: boolean): Promise<void> {
    const cities = await this.cityNames();
    const params = fillParams(template, d.params, (code) => cities.get(code));
    const [chosen, values] = params ? [template, params] : [SMS_TEMPLATES.generic, []];
    const row = await this.sms.start(d.userId, d.notificationId ?? null, chosen.key);
    // Sent before and the job ran again (a crash between the send and the job's completion): once is enough.
    if (row.status === 'sent') return;
    const phone = normalisePhone((await this.sms.phoneOf(d.userId))?.phone);
    if (!phone) return this.finish(row, { status: 'no_phone' });
    if (await this.sms.isOptedOut(this.cipher.lookupHash(phone))) return this.finish(row, { status: 'opted_out' });
    const until = quietUntil(this.clock.now());
    if (until) {
      await this.finish(row, { status: 'deferred', notBefore: until });
      if (queued) throw new DeliveryDeferred(until);
      return;
    }
    const tencent = this.config.sms.tencent;
    if (!this.sender || !tencent) return this.finish(row, { status: 'failed', errorCode: 'NOT_CONFIGURED' });
    try {
      const serial = await this.sender.send({
        phone: e164(phone),
        templateId: tencent.templateIds[chosen.key],
        params: values,
        sessionContext: row.id,
      });
      await this.finish(row, { status: 'sent', providerSerial: serial });
    } catch (e) {
      const error = e instanceof SmsSendError ? e : new SmsSendError('UNKNOWN', true);
      await this.finish(row, { status: 'failed', errorCode: error.code });
      // Worth another attempt (throttling, the provider's trouble, the network): the queue retries with back-off.
      if (error.retryable) throw error;
    }
  }

  private async finish(row: SmsDeliveryRow, outcome: SmsOutcome): Promise<void> {
    await this.sms.finish(row.id, outcome);
  }

  /** Division code → name, read once: the reference data changes only with a release. */
  private async cityNames(): Promise<Map<string, string>> {
    this.cities ??= new Map((await this.reference.divisions()).map((d) => [d.code, d.name]));
    return this.cities;
  }
}
