import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SmsStatus } from './sms.entities';

export interface SmsDeliveryRow {
  id: string;
  userId: string;
  notificationId: string | null;
  template: string;
  status: SmsStatus;
  providerSerial: string | null;
  errorCode: string | null;
  notBefore: Date | null;
}

export interface SmsOutcome {
  status: SmsStatus;
  providerSerial?: string | null;
  errorCode?: string | null;
  notBefore?: Date | null;
}

const COLUMNS = `id, user_id AS "userId", notification_id AS "notificationId", template, status,
  provider_serial AS "providerSerial", error_code AS "errorCode", not_before AS "notBefore"`;

/** The SMS tables' SQL, and the one read of a recipient's number (app_user, or their trainee record). */
@Injectable()
export class SmsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The number a reminder goes to: the trainee record's (kept up to date by their station) when the
   * user is a trainee with one, else the account's. Undefined for an unknown user.
   */
  async phoneOf(userId: string): Promise<{ phone: string | null } | undefined> {
    const [row] = await this.dataSource.query<{ phone: string | null }[]>(
      `SELECT coalesce(nullif(t.phone, ''), nullif(u.phone, '')) AS phone
         FROM app_user u LEFT JOIN trainee t ON t.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
    return row;
  }

  async isOptedOut(phoneHash: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM sms_opt_out WHERE phone_hash = $1`, [phoneHash]);
    return rows.length > 0;
  }

  async optOut(phoneHash: string, source: 'reply' | 'setting'): Promise<void> {
    await this.dataSource.query(`INSERT INTO sms_opt_out (phone_hash, source) VALUES ($1, $2) ON CONFLICT (phone_hash) DO NOTHING`, [
      phoneHash,
      source,
    ]);
  }

  async optIn(phoneHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sms_opt_out WHERE phone_hash = $1`, [phoneHash]);
  }

  /**
   * The notice's delivery row, made `queued` on its first attempt (one row per notice: a retried or
   * deferred delivery finds it again). Without a notice id (no queue) each call makes a row.
   */
  async start(userId: string, notificationId: string | null, template: string): Promise<SmsDeliveryRow> {
    if (notificationId) {
      const [row] = await this.dataSource.query<SmsDeliveryRow[]>(
        `INSERT INTO sms_delivery (user_id, notification_id, template, status) VALUES ($1, $2, $3, 'queued')
         ON CONFLICT (notification_id) DO UPDATE SET template = EXCLUDED.template, updated_at = now()
         RETURNING ${COLUMNS}`,
        [userId, notificationId, template],
      );
      return row!;
    }
    const [row] = await this.dataSource.query<SmsDeliveryRow[]>(
      `INSERT INTO sms_delivery (user_id, template, status) VALUES ($1, $2, 'queued') RETURNING ${COLUMNS}`,
      [userId, template],
    );
    return row!;
  }

  async finish(id: string, outcome: SmsOutcome): Promise<void> {
    await this.dataSource.query(
      `UPDATE sms_delivery SET status = $2, provider_serial = $3, error_code = $4, not_before = $5, updated_at = now() WHERE id = $1`,
      [id, outcome.status, outcome.providerSerial ?? null, outcome.errorCode ?? null, outcome.notBefore ?? null],
    );
  }

  /** A user's SMS rows, newest first (tests and support). */
  forUser(userId: string, limit = 50): Promise<SmsDeliveryRow[]> {
    return this.dataSource.query<SmsDeliveryRow[]>(
      `SELECT ${COLUMNS} FROM sms_delivery WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [userId, limit],
    );
  }
}
