import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { NOTIFICATION_GROUP_KEYS, type NotificationGroup } from '../notification-kinds';

export class NotificationDto {
  id: string;
  kind: string;
  title: string;
  titleEn: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto] })
  items: NotificationDto[];
  /** For the badge. */
  unread: number;
}

export class NotificationGroupDto {
  @ApiProperty({ enum: NOTIFICATION_GROUP_KEYS })
  group: NotificationGroup;
  label: string;
  labelEn: string;
  enabled: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationGroupDto] })
  groups: NotificationGroupDto[];
}

/** The groups to turn off (an empty list turns everything on). */
export class SetNotificationPreferencesDto {
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(NOTIFICATION_GROUP_KEYS, { each: true })
  @ApiProperty({ enum: NOTIFICATION_GROUP_KEYS, isArray: true })
  mutedGroups: NotificationGroup[];
}
