import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../../common/auth-user';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { badRequest, DomainError } from '../../common/domain-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import type { SetSmsPreferenceDto, SmsPreferenceDto, SmsReplyAckDto } from './dto/sms.dto';
import { isOptOutReply, normalisePhone } from './phone';
import { SmsRepository } from './sms.repository';

const ACK: SmsReplyAckDto = { result: 0, errmsg: 'OK' };

/** Equal-time comparison of two secrets of any length (hashed first, so the length is not told either). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Who may be sent SMS: the opt-out list (keyed hash of the number) fed by replies to a message
 * (TD/T/N/退订, through Tencent's reply callback) and by the user's own setting, which is also the way
 * back in.
 */
@Injectable()
export class SmsPreferencesService {
  private readonly logger = new Logger('SmsReplies');

  constructor(
    private readonly sms: SmsRepository,
    private readonly cipher: FieldCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async preference(user: AuthUser): Promise<SmsPreferenceDto> {
    const phone = await this.phoneOf(user.id);
    if (!phone) return { enabled: true, hasPhone: false };
    return { enabled: !(await this.sms.isOptedOut(this.cipher.lookupHash(phone))), hasPhone: true };
  }

  /** Turns SMS reminders on or off for my number (on again also undoes a TD reply). */
  async setPreference(user: AuthUser, dto: SetSmsPreferenceDto): Promise<SmsPreferenceDto> {
    const phone = await this.phoneOf(user.id);
    if (!phone) throw badRequest('SMS_NO_PHONE');
    const hash = this.cipher.lookupHash(phone);
    if (dto.enabled) await this.sms.optIn(hash);
    else await this.sms.optOut(hash, 'setting');
    return this.preference(user);
  }

  /**
   * Tencent's reply callback. Tencent does not sign it, so the URL carries SMS_CALLBACK_TOKEN: without
   * it (or with another) the answer is the 404 of an unknown address, before the body is read. With it
   * the answer is the same acknowledgement whether or not the number is known or the text is a stop
   * word: nothing tells a caller which numbers are on file.
   */
  async reply(token: string | undefined, body: unknown): Promise<SmsReplyAckDto> {
    const expected = this.config.sms.callbackToken;
    if (!expected || typeof token !== 'string' || !sameSecret(token, expected)) throw new DomainError(404, 'NOT_FOUND.ADDRESS');
    const reply = parseReply(body);
    if (!reply) throw badRequest('SMS_REPLY_INVALID');
    if (!isOptOutReply(reply.text)) return ACK;
    const phone = normalisePhone(reply.mobile, reply.nationcode);
    if (phone) {
      await this.sms.optOut(this.cipher.lookupHash(phone), 'reply');
      this.logger.log('SMS opt-out recorded from a reply');
    }
    return ACK;
  }

  private async phoneOf(userId: string): Promise<string | null> {
    return normalisePhone((await this.sms.phoneOf(userId))?.phone);
  }
}

/** Tencent's reply callback body: `{ extend, mobile, nationcode, sign, text, time }` (mobile, nationcode, text required). */
function parseReply(body: unknown): { mobile: string; nationcode: string; text: string } | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  const { mobile, text } = b;
  const nationcode = b.nationcode ?? '86';
  if (typeof mobile !== 'string' || mobile.length > 20 || typeof text !== 'string' || text.length > 500) return null;
  if (typeof nationcode !== 'string' || !/^\+?\d{1,4}$/.test(nationcode)) return null;
  return { mobile, nationcode, text };
}
