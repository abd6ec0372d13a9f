import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Notification } from '../notification.entity';
import { User } from '../../users/user.entity';

/**
 * An account's WeChat: the openid of the user in our 服务号, learnt from WeChat's web authorisation
 * (the person proved they hold that WeChat). One per account, and one account per openid (a WeChat
 * receives one person's reminders). Never shown to anyone: the API says only whether it exists.
 */
@Entity('wechat_binding')
@Index('uq_wechat_binding_openid', ['openid'], { unique: true })
export class WechatBinding {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_wechat_binding' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_wechat_binding_user' })
  user?: Relation<User>;

  /** WeChat openids are 28 characters; room for other app types' longer ones. */
  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Column({ name: 'bound_at', type: 'timestamptz' })
  boundAt: Date;
}

export const WECHAT_STATUSES = ['queued', 'deferred', 'sent', 'failed', 'refused', 'unbound'] as const;
export type WechatStatus = (typeof WECHAT_STATUSES)[number];

/**
 * One reminder's WeChat notice and what became of it (as `sms_delivery` for SMS). Holds no openid and
 * no text: the template key and WeChat's errcode answer "did it go out?". `refused` is WeChat's 43101
 * (the person did not subscribe or turned the notices off): recorded, never retried.
 */
@Entity('wechat_delivery')
@Index('idx_wechat_delivery_user', ['userId', 'createdAt'])
@Index('uq_wechat_delivery_notification', ['notificationId'], { unique: true })
export class WechatDelivery {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_wechat_delivery' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_wechat_delivery_user' })
  user?: Relation<User>;

  @Column({ name: 'notification_id', type: 'uuid', nullable: true })
  notificationId: string | null;

  @ManyToOne(() => Notification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'fk_wechat_delivery_notification' })
  notification?: Relation<Notification>;

  /** `SmsTemplateKey`: the same reminder templates. */
  @Column({ type: 'varchar', length: 20 })
  template: string;

  @Column({ type: 'varchar', length: 12 })
  status: WechatStatus;

  /** WeChat's errcode (e.g. `43101`) or ours for the transport (`NETWORK`, `HTTP_502`), never its errmsg. */
  @Column({ name: 'error_code', type: 'varchar', length: 40, nullable: true })
  errorCode: string | null;

  /** A deferred notice's earliest sending time (the end of quiet hours). */
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true })
  notBefore: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
