import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { WechatStatus } from './wechat.entities';

export interface WechatDeliveryRow {
  id: string;
  userId: string;
  notificationId: string | null;
  template: string;
  status: WechatStatus;
  errorCode: string | null;
  notBefore: Date | null;
}

export interface WechatOutcome {
  status: WechatStatus;
  errorCode?: string | null;
  notBefore?: Date | null;
}

const COLUMNS = `id, user_id AS "userId", notification_id AS "notificationId", template, status,
  error_code AS "errorCode", not_before AS "notBefore"`;

/** The WeChat tables' SQL: bindings (the one place an openid is read) and delivery rows. */
@Injectable()
export class WechatRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async bindingOf(userId: string): Promise<{ openid: string; boundAt: Date } | undefined> {
    const [row] = await this.dataSource.query<{ openid: string; boundAt: Date }[]>(
      `SELECT openid, bound_at AS "boundAt" FROM wechat_binding WHERE user_id = $1`,
      [userId],
    );
    return row;
  }

  /**
   * Binds (or re-binds) the user's account to `openid`. `taken`: that WeChat is bound to another
   * account (one WeChat receives one person's reminders); nothing is changed then.
   */
  async bind(userId: string, openid: string, at: Date): Promise<'bound' | 'taken'> {
    const rows = await this.dataSource
      .query<{ userId: string }[]>(
        `INSERT INTO wechat_binding (user_id, openid, bound_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET openid = EXCLUDED.openid, bound_at = EXCLUDED.bound_at
       RETURNING user_id AS "userId"`,
        [userId, openid, at],
      )
      .catch((e: unknown) => {
        if (isUniqueViolation(e, 'uq_wechat_binding_openid')) return [];
        throw e;
      });
    return rows.length > 0 ? 'bound' : 'taken';
  }

  /** True when there was a binding to remove. */
  async unbind(userId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`DELETE FROM wechat_binding WHERE user_id = $1 RETURNING user_id`, [userId]);
    return rows.length > 0;
  }

  /**
   * The notice's delivery row, made `queued` on its first attempt (one row per notice: a retried or
   * deferred delivery finds it again). Without a notice id (no queue) each call makes a row.
   */
  async start(userId: string, notificationId: string | null, template: string): Promise<WechatDeliveryRow> {
    if (notificationId) {
      const [row] = await this.dataSource.query<WechatDeliveryRow[]>(
        `INSERT INTO wechat_delivery (user_id, notification_id, template, status) VALUES ($1, $2, $3, 'queued')
         ON CONFLICT (notification_id) DO UPDATE SET template = EXCLUDED.template, updated_at = now()
         RETURNING ${COLUMNS}`,
        [userId, notificationId, template],
      );
      return row!;
    }
    const [row] = await this.dataSource.query<WechatDeliveryRow[]>(
      `INSERT INTO wechat_delivery (user_id, template, status) VALUES ($1, $2, 'queued') RETURNING ${COLUMNS}`,
      [userId, template],
    );
    return row!;
  }

  async finish(id: string, outcome: WechatOutcome): Promise<void> {
    await this.dataSource.query(
      `UPDATE wechat_delivery SET status = $2, error_code = $3, not_before = $4, updated_at = now() WHERE id = $1`,
      [id, outcome.status, outcome.errorCode ?? null, outcome.notBefore ?? null],
    );
  }
}

function isUniqueViolation(e: unknown, constraint: string): boolean {
  const err = e as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = err.driverError?.code ?? err.code;
  const name = err.driverError?.constraint ?? err.constraint;
  return code === '23505' && name === constraint;
}
