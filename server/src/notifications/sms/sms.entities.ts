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

export const SMS_STATUSES = ['queued', 'deferred', 'sent', 'failed', 'opted_out', 'no_phone'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

/**
 * One reminder's SMS and what became of it. Holds nothing of the phone number (the user id says whose
 * it was) and no text: the template key, the provider's serial and its error code are enough to
 * answer "did it go out?". One row per notice: a retried delivery updates its row.
 */
@Entity('sms_delivery')
@Index('idx_sms_delivery_user', ['userId', 'createdAt'])
@Index('uq_sms_delivery_notification', ['notificationId'], { unique: true })
export class SmsDelivery {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_sms_delivery' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sms_delivery_user' })
  user?: Relation<User>;

  @Column({ name: 'notification_id', type: 'uuid', nullable: true })
  notificationId: string | null;

  @ManyToOne(() => Notification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'fk_sms_delivery_notification' })
  notification?: Relation<Notification>;

  /** `SmsTemplateKey`. */
  @Column({ type: 'varchar', length: 20 })
  template: string;

  @Column({ type: 'varchar', length: 12 })
  status: SmsStatus;

  /** Tencent's SerialNo of the sent message. */
  @Column({ name: 'provider_serial', type: 'varchar', length: 64, nullable: true })
  providerSerial: string | null;

  /** The provider's error code (e.g. `LimitExceeded.PhoneNumberDailyLimit`), never its message. */
  @Column({ name: 'error_code', type: 'varchar', length: 80, nullable: true })
  errorCode: string | null;

  /** A deferred message's earliest sending time (the end of quiet hours). */
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true })
  notBefore: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * Numbers whose owner asked for no more SMS (replied TD/退订, or turned it off). Keyed by the field
 * cipher's keyed hash of the normalised number: the list can be checked without holding the numbers.
 */
@Entity('sms_opt_out')
export class SmsOptOut {
  @PrimaryColumn({ name: 'phone_hash', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_sms_opt_out' })
  phoneHash: string;

  /** `reply` (the webhook) or `setting` (the user's preference). */
  @Column({ type: 'varchar', length: 10 })
  source: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
